import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Slapd, slapdMissing, startSlapd } from '../support/slapd.js';
import { assertAccessible } from './axe.js';
import { type ConsoleTest, type Page, screenshot, signIn, startConsoleTest } from './harness.js';

const missing = slapdMissing();
process.env.TESSERA_SECRET_KEY ??= 'console-user-stores-test-key';

describe('console: user stores', { skip: missing ?? false }, () => {
  let t: ConsoleTest;
  let slapd: Slapd;
  let page: Page;
  before(async () => {
    slapd = await startSlapd({ ldif: [join(import.meta.dirname, '..', 'fixtures', 'ldap', 'corp.ldif')] });
    t = await startConsoleTest();
    page = await t.newPage();
    await signIn(page, t.server);
    await page.getByRole('link', { name: 'User stores' }).click();
    await page.getByRole('heading', { name: 'User stores', level: 1 }).waitFor();
  });
  after(async () => {
    await t?.close();
    await slapd?.stop();
  });

  test('an LDAP directory is tested, refused with the reason, added and synchronised, all through /v1', async () => {
    const form = page.getByRole('form', { name: 'Add an LDAP directory' });
    await form.getByLabel('Store name').fill('CORP-LDAP');
    await form.getByLabel('Directory URL').fill(slapd.url);
    await form.getByLabel('Bind DN').fill('cn=tessera,ou=services,dc=corp,dc=example');
    await form.getByLabel('Bind password').fill('wrong-secret');
    await form.getByLabel('User base DN').fill('ou=people,dc=corp,dc=example');
    await form.getByLabel('Group base DN').fill('ou=groups,dc=corp,dc=example');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByRole('alert').filter({ hasText: 'refused the bind DN' }).waitFor();

    await form.getByLabel('Bind password').fill('reader-secret');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByRole('status').filter({ hasText: 'the filters match 4 users and 2 groups' }).waitFor();
    await form.getByRole('button', { name: 'Add store' }).click();
    await form.getByRole('status').filter({ hasText: 'Added CORP-LDAP' }).waitFor();

    const store = page.getByRole('listitem', { name: 'LDAP store CORP-LDAP' });
    await store.getByTestId('last-sync').filter({ hasText: 'ok, 4 users and 2 groups' }).waitFor();
    await store.getByRole('button', { name: 'Sync now' }).click();
    await store.getByRole('status').filter({ hasText: 'Synchronised: nothing changed.' }).waitFor();
    await store.getByRole('button', { name: 'Test connection' }).click();
    await store.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await assertAccessible(page, 'the user stores with a synchronised LDAP store');
    await screenshot(page, 'user-stores');
    assert.equal(t.server.store.engine.user('CORP-LDAP/alice')?.status, 'active');
    const row = page.getByRole('table', { name: 'User stores' }).getByRole('row').filter({ hasText: 'CORP-LDAP' });
    assert.match(await row.innerText(), /LDAP\s+read-only/);
  });

  test('a read-write LDAP directory is added from the same form, saying where new entries go', async () => {
    const form = page.getByRole('form', { name: 'Add an LDAP directory' });
    await form.getByLabel('Store name').fill('CORP-RW');
    await form.getByLabel('Directory URL').fill(slapd.url);
    await form.getByLabel('Bind DN').fill(slapd.rootDn);
    await form.getByLabel('Bind password').fill(slapd.rootPassword);
    await form.getByLabel('User base DN').fill('ou=people,dc=corp,dc=example');
    await form.getByLabel('Group base DN').fill('ou=groups,dc=corp,dc=example');
    await form.getByLabel('Read-write').check();
    await form.getByLabel('New users under').fill('ou=people,dc=corp,dc=example');
    await form.getByRole('button', { name: 'Add store' }).click();
    await form.getByRole('status').filter({ hasText: 'Added CORP-RW' }).waitFor();
    const store = page.getByRole('listitem', { name: 'LDAP store CORP-RW' });
    await store.getByText('read-write: new users under ou=people,dc=corp,dc=example').waitFor();
    assert.equal(t.server.store.engine.userStores().find((s) => s.name === 'CORP-RW')?.readOnly, false);
    const row = page.getByRole('table', { name: 'User stores' }).getByRole('row').filter({ hasText: 'CORP-RW' });
    assert.match(await row.innerText(), /LDAP\s+read-write/);
  });

  test('a store is switched to read-only and back to read-write, through PATCH /v1/ldap-stores', async () => {
    const store = page.getByRole('listitem', { name: 'LDAP store CORP-RW' });
    const isReadOnly = () => t.server.store.engine.userStores().find((s) => s.name === 'CORP-RW')?.readOnly;
    await store.getByRole('button', { name: 'Make read-only' }).click();
    await store.getByRole('status').filter({ hasText: 'CORP-RW is read-only' }).waitFor();
    assert.equal(isReadOnly(), true);
    await store.getByRole('button', { name: 'Make read-write' }).click();
    await store.getByRole('status').filter({ hasText: 'CORP-RW is read-write' }).waitFor();
    await store.getByText('read-write: new users under ou=people,dc=corp,dc=example').waitFor();
    assert.equal(isReadOnly(), false);
  });
});
