import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '../problem.js';

export const YAML_TYPES = ['application/yaml', 'text/yaml'];

/**
 * Documents larger than this (bytes of body) are parsed, validated and planned in a worker thread;
 * smaller ones take a few milliseconds and are handled in place.
 */
export const WORKER_THRESHOLD_BYTES = 64 * 1024;

/** Whether the request's document is large enough to go to the document worker. */
export function isLargeDocument(request: FastifyRequest): boolean {
  const length = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(length)) return length > WORKER_THRESHOLD_BYTES;
  return typeof request.body === 'string' && request.body.length > WORKER_THRESHOLD_BYTES;
}

/** The document as sent: parsed JSON, or YAML text (parsed later, in the worker). */
export function documentInput(request: FastifyRequest): unknown {
  const body = request.body;
  if (typeof body !== 'string') return body;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!YAML_TYPES.includes(type))
    throw new HttpProblem(
      'unsupported-media-type',
      'send the document as application/json, application/yaml or text/yaml',
    );
  return body;
}
