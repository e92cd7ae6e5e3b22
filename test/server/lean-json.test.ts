import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import Fastify, { type FastifyRequest } from 'fastify';
import { leanJsonParser } from '../../src/server/lean-json.js';

/** Fastify's safe parser, as every non-decision route uses it (src/server/app.ts). */
const safe = Fastify().getDefaultJsonParser('error', 'error');
const lean = leanJsonParser(safe);
const request = {} as FastifyRequest;

type Outcome = { value: unknown } | { error: string; status: unknown };
type Parser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;
const outcome = (parse: Parser, text: string): Outcome => {
  let result: Outcome | undefined;
  parse(request, text, (error, value) => {
    result =
      error === null ? { value } : { error: error.message, status: (error as { statusCode?: unknown }).statusCode };
  });
  assert.ok(result !== undefined, 'the parser answers synchronously');
  return result;
};

describe('the decision routes’ lean JSON parser', () => {
  test('answers exactly what the safe parser answers, for any JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        assert.deepEqual(outcome(lean, text), outcome(safe, text));
      }),
      { numRuns: 500 },
    );
  });

  test('refuses prototype pollution however it is spelled, as the safe parser does', () => {
    const keys = fc.constantFrom('__proto__', '\\u005f_proto__', '_\\u005fproto__', '__prot\\u006f__');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), keys, (object, key) => {
        const text = `{${Object.entries(object)
          .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}, `)
          .join('')}"${key}": {"admin": true}}`;
        const answer = outcome(lean, text);
        assert.ok('error' in answer, text);
        assert.deepEqual(answer, outcome(safe, text));
      }),
      { numRuns: 200 },
    );
    const polluting = '{"a": 1, "constructor": {"prototype": {"admin": true}}}';
    assert.ok('error' in outcome(lean, polluting));
    assert.deepEqual(outcome(lean, polluting), outcome(safe, polluting));
  });

  test('answers bad JSON with the safe parser’s 400, and an empty body as no body', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => text !== ''),
        (text) => {
          assert.deepEqual(outcome(lean, text), outcome(safe, text));
        },
      ),
    );
    for (const text of ['{"a": ', '{"a": 1} x', "{'a': 1}", '[1, 2,]']) {
      const answer = outcome(lean, text);
      assert.ok('error' in answer);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer, outcome(safe, text));
    }
    assert.deepEqual(outcome(lean, ''), { value: undefined });
  });
});
