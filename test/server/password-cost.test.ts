import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DEFAULT_PASSWORD_COST,
  hashPassword,
  needsRehash,
  passwordCost,
  verifyPassword,
} from '../../src/server/passwords.js';
import { type TestServer, startTestServer } from './harness.js';

/** Runs `body` with TESSERA_PASSWORD_COST set to `cost` (or unset), then puts the variable back. */
async function withCost<T>(cost: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.TESSERA_PASSWORD_COST;
  if (cost === undefined) delete process.env.TESSERA_PASSWORD_COST;
  else process.env.TESSERA_PASSWORD_COST = cost;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.TESSERA_PASSWORD_COST;
    else process.env.TESSERA_PASSWORD_COST = saved;
  }
}

const nOf = (hash: string) => Number(hash.split('$')[1]);

describe('password hashing cost', () => {
  test('passwords are hashed with scrypt at N = 2^15, r = 8, p = 1 unless TESSERA_PASSWORD_COST says otherwise', async () => {
    assert.equal(DEFAULT_PASSWORD_COST, 15);
    assert.equal(passwordCost({}), 15);
    assert.equal(passwordCost({ TESSERA_PASSWORD_COST: '' }), 15);
    const hash = await withCost(undefined, () => hashPassword('correct horse'));
    assert.match(hash, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.equal(await verifyPassword('correct horse', hash), true);
    assert.equal(await verifyPassword('correct horsE', hash), false);
  });

  test('TESSERA_PASSWORD_COST is an integer from 10 to 20, and anything else is refused with its name', () => {
    assert.equal(passwordCost({ TESSERA_PASSWORD_COST: '10' }), 10);
    assert.equal(passwordCost({ TESSERA_PASSWORD_COST: '17' }), 17);
    for (const bad of ['9', '21', '12.5', 'high', '-15'])
      assert.throws(() => passwordCost({ TESSERA_PASSWORD_COST: bad }), /TESSERA_PASSWORD_COST must be an integer/);
  });

  test('a hash keeps its own parameters: it verifies after the cost changes, and asks to be made again', async () => {
    const cheap = await withCost('10', () => hashPassword('pässword'));
    assert.equal(nOf(cheap), 1024);
    await withCost('11', async () => {
      assert.equal(await verifyPassword('pässword', cheap), true);
      assert.equal(needsRehash(cheap), true);
      assert.equal(needsRehash(await hashPassword('pässword')), false);
    });
    assert.equal(needsRehash('bcrypt$whatever'), true);
  });
});

describe('a sign-in stores the password again under the configured cost', () => {
  let server: TestServer;
  before(async () => {
    server = await withCost('10', () => startTestServer('SQLite'));
  });
  after(() => server.close());

  const storedHash = async (userId: string) =>
    (
      await server.store.database
        .selectFrom('accounts')
        .select('password_hash')
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow()
    ).password_hash;

  test('raising the cost reaches an account at its next sign-in, and the password still works', async () => {
    const { user, password } = await withCost('10', () => server.user('rehashed'));
    assert.equal(nOf(await storedHash(user.id)), 1024);
    await withCost('11', () => server.signIn('rehashed', password));
    const after = await storedHash(user.id);
    assert.equal(nOf(after), 2048);
    await withCost('11', () => server.signIn('rehashed', password));
    assert.equal(await storedHash(user.id), after, 'a hash at the configured cost is left alone');
  });

  test('a wrong password changes nothing', async () => {
    const { user } = await withCost('10', () => server.user('unchanged'));
    const before = await storedHash(user.id);
    const response = await withCost('11', () =>
      server.anonymous.post('/v1/session', { username: 'unchanged', password: 'wrong', mode: 'token' }),
    );
    assert.equal(response.status, 401);
    assert.equal(await storedHash(user.id), before);
  });
});
