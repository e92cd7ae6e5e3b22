import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestServer, startTestServer } from './harness.js';

/** Fires every sign-in at once, each on its own request, and counts the answers by status. */
async function burst(server: TestServer, passwords: readonly string[], username: string): Promise<number[]> {
  const answers = await Promise.all(
    passwords.map((password) => server.anonymous.post('/v1/session', { username, password, mode: 'token' })),
  );
  return answers.map((answer) => answer.status);
}

function count(statuses: readonly number[], status: number): number {
  return statuses.filter((s) => s === status).length;
}

describe('the sign-in throttle under concurrent attempts', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(() => server.close());

  test('60 concurrent wrong passwords for one user get 429 after the free attempts, not 60 × 401', async () => {
    await server.user('burst-target');
    const statuses = await burst(
      server,
      Array.from({ length: 60 }, (_, i) => `wrong-${i}`),
      'burst-target',
    );
    // Five free attempts, then one more each time the doubling delay (1 s, 2 s, 4 s, …) has passed:
    // however slow the machine, far fewer than 60 are checked.
    assert.ok(count(statuses, 401) <= 9, `at most 9 attempts checked, got ${count(statuses, 401)} × 401`);
    assert.ok(count(statuses, 429) >= 51);
    assert.equal(count(statuses, 429), 60 - count(statuses, 401));
    assert.equal(count(statuses, 200), 0);
    server.server.context.credentials.byAddress.succeed('127.0.0.1');
  });

  test('the right password inside a throttled burst is refused with 429 too', async () => {
    const { password } = await server.user('burst-victim');
    const inFlight = burst(
      server,
      Array.from({ length: 40 }, (_, i) => `guess-${i}`),
      'burst-victim',
    );
    // Once the wrong guesses still in flight have used up the free attempts, the right password arrives.
    const credentials = server.server.context.credentials;
    while (credentials.byUser.waitFor('primary/burst-victim') === 0) await new Promise((r) => setTimeout(r, 1));
    const [right] = await burst(server, [password], 'burst-victim');
    const wrong = await inFlight;
    assert.equal(right, 429, 'the right password, sent amid the burst, is throttled');
    assert.equal(count(wrong, 200), 0);
    assert.ok(count(wrong, 429) >= 31);
    credentials.byAddress.succeed('127.0.0.1');
  });

  test('a successful sign-in clears its username and gives its address back the attempt it reserved', async () => {
    const { password } = await server.user('often');
    const credentials = server.server.context.credentials;
    for (let i = 0; i < 3; i++) await burst(server, ['wrong-password'], 'often');
    assert.deepEqual(await burst(server, [password], 'often'), [200]);
    assert.equal(credentials.byUser.waitFor('primary/often'), 0);
    // 3 failures are counted for the address, not the success: 17 more failures, then it is throttled.
    for (let i = 0; i < 16; i++) credentials.byAddress.fail('127.0.0.1');
    assert.equal(credentials.byAddress.waitFor('127.0.0.1'), 0);
    credentials.byAddress.fail('127.0.0.1');
    assert.ok(credentials.byAddress.waitFor('127.0.0.1') > 0);
    credentials.byAddress.succeed('127.0.0.1');
  });
});
