import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fastJsonStringify, { type Schema as SerializerSchema } from 'fast-json-stringify';
import type { FastifySchema, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';

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

/**
 * Compiled validators and serializers by schema text. Both are pure functions of their schema, and
 * compiling the routes' schemas was most of the work of starting a server: each is compiled on its
 * route's first use instead (a server starts without compiling any), and once per process for
 * every app that uses the same schema (a test file's servers, a restart in place).
 */
const validators = new Map<string, ValidateFunction>();
const serializers = new Map<string, (data: unknown) => string>();

/** What Fastify calls: Ajv's signature, `errors` set after each call as Ajv sets its own. */
interface LazyValidator {
  (data: unknown, context?: unknown): boolean;
  errors: ValidateFunction['errors'];
  /** Fastify passes the parent data (so coercion and defaults reach a root value) only when set. */
  schemaEnv: true;
}

function compiledValidator(schema: unknown, body: boolean): ValidateFunction {
  const key = `${body ? 'body' : 'text'}:${JSON.stringify(schema)}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    validate = (body ? bodies : text).compile(schema as object);
    validators.set(key, validate);
  }
  return validate;
}

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const body = httpPart === 'body';
  let compiled: ValidateFunction | undefined;
  const validate = ((data: unknown, context?: unknown): boolean => {
    compiled ??= compiledValidator(schema, body);
    const valid = (compiled as (data: unknown, context?: unknown) => boolean)(data, context);
    validate.errors = compiled.errors;
    return valid;
  }) as LazyValidator;
  validate.errors = null;
  validate.schemaEnv = true;
  return validate;
};

/** Fastify's own response serializer (fast-json-stringify), compiled on first use, once per distinct schema. */
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  let compiled: ((data: unknown) => string) | undefined;
  return (data: unknown): string => {
    if (compiled === undefined) {
      const key = JSON.stringify(schema);
      compiled = serializers.get(key);
      if (compiled === undefined) {
        compiled = fastJsonStringify(schema as SerializerSchema) as (data: unknown) => string;
        serializers.set(key, compiled);
      }
    }
    return compiled(data);
  };
};

/** One bad field: where (`body`, `querystring`, `params`, `headers`), its path, and what is wrong. */
export interface FieldError {
  readonly in: string;
  readonly path: string;
  readonly message: string;
}

/** Ajv's errors as one entry per bad field, paths written `roles[0].name`. */
export function fieldErrors(errors: readonly ErrorObject[], part: string): FieldError[] {
  const byPath = new Map<string, { messages: string[]; types: string[]; union: boolean }>();
  for (const error of errors) {
    let path = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce(
        (joined, segment) =>
          /^\d+$/.test(segment) ? `${joined}[${segment}]` : joined === '' ? segment : `${joined}.${segment}`,
        '',
      );
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
    const key = path === '' ? '(root)' : path;
    let entry = byPath.get(key);
    if (entry === undefined) byPath.set(key, (entry = { messages: [], types: [], union: false }));
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') entry.union = true;
    else if (error.keyword === 'type') entry.types.push(String(params.type));
    if (!entry.messages.includes(message)) entry.messages.push(message);
  }
  // A union's alternatives fail one by one ("must be string", "must be null"): say it once.
  return [...byPath].map(([path, { messages, types, union }]) => ({
    in: part,
    path,
    message:
      union && types.length > 0
        ? `must be ${types.join(' or ')}`
        : messages.filter((m) => !/match a schema in (anyOf|oneOf)/.test(m)).join('; ') || messages[0]!,
  }));
}
