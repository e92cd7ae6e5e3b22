import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * Request validation. Bodies are taken as sent: unknown fields are refused (schemas say
 * `additionalProperties: false`), nothing is coerced or removed, and every error is reported.
 * Query strings and path parameters arrive as text, so their numbers and booleans are coerced.
 */
function compiler(options: Options): Ajv {
  const ajv = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options });
  (addFormats as unknown as (ajv: Ajv) => Ajv)(ajv);
  return ajv;
}

const bodies = compiler({ coerceTypes: false });
const text = compiler({ coerceTypes: 'array' });

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodies : text).compile(schema as object);

/** One bad field: where (`body`, `querystring`, `params`, `headers`), its path, and what is wrong. */
export interface FieldError {
  readonly in: string;
  readonly path: string;
  readonly message: string;
}

/** Ajv's errors as one entry per bad field, paths written `roles[0].name`. */
export function fieldErrors(errors: readonly ErrorObject[], part: string): FieldError[] {
  return errors.map((error) => {
    let path = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((joined, segment) => (/^\d+$/.test(segment) ? `${joined}[${segment}]` : joined === '' ? segment : `${joined}.${segment}`), '');
    const params = error.params as Record<string, unknown>;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const field = String(params.additionalProperty);
      path = path === '' ? field : `${path}.${field}`;
      message = 'is not a known field';
    } else if (error.keyword === 'required') {
      const field = String(params.missingProperty);
      path = path === '' ? field : `${path}.${field}`;
      message = 'is required';
    }
    return { in: part, path: path === '' ? '(root)' : path, message };
  });
}
