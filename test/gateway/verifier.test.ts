import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createPermissionChecker, createVerifier, TokenError } from '@tessera/gateway';
import { type FakeTessera, SERVICE_TOKEN, startFakeTessera } from './support.js';

describe('the token verifier', () => {
  let tessera: FakeTessera;
  before(async () => {
    tessera = await startFakeTessera();
  });
  after(() => tessera.close());

  test('fetches the JWKS once and reuses it for every token', async () => {
    const verifier = createVerifier({ issuer: tessera.url });
    const before = tessera.jwksFetches;
    for (let i = 0; i < 5; i++) await verifier.verify(await tessera.mint({ sub: `user-${i}` }));
    assert.equal(tessera.jwksFetches - before, 1);
  });

  test('refetches the JWKS when a token names a key it has not seen (key rotation)', async () => {
    const verifier = createVerifier({ issuer: tessera.url, jwksCooldownMs: 0 });
    await verifier.verify(await tessera.mint());
    await tessera.rotate();
    const before = tessera.jwksFetches;
    const auth = await verifier.verify(await tessera.mint({ sub: 'after-rotation' }));
    assert.equal(auth.user, 'after-rotation');
    assert.equal(tessera.jwksFetches - before, 1);
  });

  test('answers a token seen before from its cache, and still refuses it once expired', async () => {
    const verifier = createVerifier({ issuer: tessera.url, clockToleranceSeconds: 0 });
    // Three seconds: `exp` is in whole seconds, so at least two remain for the first answers on a busy machine.
    const token = await tessera.mint({ expiresIn: 3 });
    const first = await verifier.verify(token);
    assert.equal(await verifier.verify(token), first);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
    await assert.rejects(
      verifier.verify(token),
      (error: unknown) => error instanceof TokenError && /expired/.test(error.message) && !error.unavailable,
    );
  });

  test('an unreachable JWKS is "unavailable", not an invalid token', async () => {
    const verifier = createVerifier({ issuer: 'http://127.0.0.1:9', jwksUri: 'http://127.0.0.1:9/oauth2/jwks' });
    const token = await tessera.mint({ issuer: 'http://127.0.0.1:9' });
    await assert.rejects(verifier.verify(token), (error: unknown) => error instanceof TokenError && error.unavailable);
  });

  test('the permission checker reuses an answer for a few seconds and shares concurrent questions', async () => {
    let asked = 0;
    tessera.decide = () => {
      asked++;
      return true;
    };
    const checker = createPermissionChecker({
      tesseraUrl: tessera.url,
      serviceToken: () => SERVICE_TOKEN,
      cacheMs: 60_000,
    });
    const resource = { type: 'api', id: 'pizza-shack' };
    const answers = await Promise.all([1, 2, 3].map(() => checker.allowed('alice', 'api:view', resource)));
    assert.deepEqual(answers, [true, true, true]);
    assert.equal(await checker.allowed('alice', 'api:view', resource), true);
    assert.equal(asked, 1);
    await checker.allowed('bob', 'api:view', resource);
    assert.equal(asked, 2);
  });
});
