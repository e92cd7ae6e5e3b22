import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { defaultKeyFile, secretBoxFor } from '../../src/server/secret-box.js';

describe('the secret box: one key rule for every secret Tessera keeps', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-secret-box-'));
  after(() => rmSync(directory, { recursive: true, force: true }));

  test('a sealed secret is v1:iv:tag:ciphertext and opens again under the same key', () => {
    const box = secretBoxFor(join(directory, 'a.db'), { TESSERA_SECRET_KEY: 'k1' });
    const sealed = box.encrypt('s3cret');
    assert.match(sealed, /^v1:[\w-]+:[\w-]+:[\w-]+$/);
    assert.ok(!sealed.includes('s3cret'));
    assert.notEqual(box.encrypt('s3cret'), sealed, 'each seal has its own iv');
    assert.equal(box.decrypt(sealed), 's3cret');
  });

  test('a secret sealed under another key, or not sealed at all, opens to null', () => {
    const sealed = secretBoxFor(join(directory, 'a.db'), { TESSERA_SECRET_KEY: 'k1' }).encrypt('s3cret');
    assert.equal(secretBoxFor(join(directory, 'a.db'), { TESSERA_SECRET_KEY: 'k2' }).decrypt(sealed), null);
    assert.equal(secretBoxFor(join(directory, 'a.db'), { TESSERA_SECRET_KEY: 'k1' }).decrypt('s3cret'), null);
  });

  test('without TESSERA_SECRET_KEY the key is a 0600 file next to the SQLite database, created once and reused', () => {
    const database = join(directory, 'sqlite', 'tessera.db');
    const sealed = secretBoxFor(database, {}).encrypt('bind-password');
    const file = join(directory, 'sqlite', 'secret.key');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const key = readFileSync(file, 'utf8');
    assert.equal(secretBoxFor(database, {}).decrypt(sealed), 'bind-password');
    assert.equal(readFileSync(file, 'utf8'), key, 'the key file is not rewritten');
    assert.equal(secretBoxFor(database, { TESSERA_SECRET_KEY: 'k1' }).decrypt(sealed), null, 'the variable wins');
  });

  test('TESSERA_SECRET_KEY_FILE names the key file; PostgreSQL keeps it under ./tessera-data by default', () => {
    const file = join(directory, 'elsewhere', 'key');
    const env = { TESSERA_SECRET_KEY_FILE: file };
    const sealed = secretBoxFor('postgres://db.example/tessera', env).encrypt('x');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(secretBoxFor(join(directory, 'other.db'), env).decrypt(sealed), 'x');
    assert.equal(defaultKeyFile('postgres://db.example/tessera'), join('tessera-data', 'secret.key'));
  });
});
