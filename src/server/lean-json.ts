import type { FastifyRequest } from 'fastify';

type Done = (error: Error | null, body?: unknown) => void;
type SafeParser = (request: FastifyRequest, body: string, done: Done) => void;

/**
 * Keys that could pollute a prototype, in any spelling JSON allows: `__proto__` and `constructor`
 * written plainly, or any key with a `\u` escape (which could spell either).
 */
const SUSPECT = ['__proto__', 'constructor', '\\u'];

/**
 * A JSON body parser for the decision routes. `JSON.parse` alone when the text cannot hold a
 * prototype-polluting key (most bodies: a few `indexOf` scans, no regular expressions), otherwise
 * Fastify's safe parser (`safe`), which refuses `__proto__` and `constructor.prototype` with the
 * same 400 as every other route. An empty body is no body, as elsewhere.
 */
export function leanJsonParser(safe: SafeParser): (request: FastifyRequest, body: string | Buffer, done: Done) => void {
  return (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') return done(null, undefined);
    for (const suspect of SUSPECT) {
      if (text.includes(suspect)) return safe(request, text, done);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // The safe parser words the error (and sets its status) exactly as for every other route.
      return safe(request, text, done);
    }
    done(null, parsed);
  };
}
