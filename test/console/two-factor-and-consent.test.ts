import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { type ConsoleTest, type Page, screenshot, startConsoleTest } from './harness.js';

// TOTP secrets are sealed under this key (docs/configuration.md#secrets-tessera-keeps), not a key file in the checkout.
process.env.TESSERA_SECRET_KEY ??= 'console-two-factor-test-key';

describe('console: two-factor sign-in and the consent screen', () => {
  let t: ConsoleTest;
  let page: Page;
  let application: Server;
  let redirectUri: string;
  let clientId: string;
  let password: string;

  before(async () => {
    application = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Back in the application</h1>'),
    );
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(application.address() as AddressInfo).port}/callback`;
    t = await startConsoleTest();
    page = await t.newPage();
    ({ password } = await t.server.user('tess', { groups: ['API Subscriber'] }));
    // Every user of the installation needs a second factor from now on.
    assert.equal((await t.server.admin.put('/v1/settings/sign-in', { requireTwoFactor: true })).status, 200);
    const app = await t.server.admin.post('/v1/applications', { name: 'Terminal', organization: t.server.home.name });
    const keys = await t.server.admin.post(`/v1/applications/${app.body.application.id}/keys`, {
      keyType: 'PRODUCTION',
      redirectUris: [redirectUri],
      clientType: 'public',
    });
    assert.equal(keys.status, 201, JSON.stringify(keys.body));
    clientId = keys.body.clientId;
  });
  after(async () => {
    // Also after a failed `before`: the application server alone would keep the process alive.
    await t?.close();
    await new Promise((resolve) => application.close(resolve));
  });

  test('a user who must enrol sets up an authenticator at sign-in, then allows a third-party application', async () => {
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const authorize = `/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid',
      state: 's-42',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    })}`;
    await page.goto(authorize);
    await page.getByLabel('Username').fill('tess');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator' }).click();
    await page.getByRole('img', { name: 'QR code of the authenticator key' }).waitFor();
    await screenshot(page, 'two-factor-enrolment');
    const secret = (await page.getByTestId('authenticator-key').textContent())!.trim();
    await page.getByLabel('Code from the app').fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('list', { name: 'Recovery codes' }).waitFor();
    assert.equal(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count(), 10);
    await page.getByRole('button', { name: /I have saved them/ }).click();
    // Back to the authorization request: the third-party client asks for consent.
    await page.getByRole('heading', { name: 'Allow Terminal to act as you?' }).waitFor();
    await screenshot(page, 'oauth-consent');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${redirectUri}**`);
    const back = new URL(page.url());
    assert.equal(back.searchParams.get('state'), 's-42');
    assert.ok((back.searchParams.get('code') ?? '').length > 20);
  });
});
