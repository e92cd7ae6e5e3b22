import assert from 'node:assert/strict';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import * as client from 'openid-client';
import { type ConsoleTest, type Page, screenshot, startConsoleTest } from './harness.js';

describe('console: signing in for a third-party application (authorization code with PKCE)', () => {
  let t: ConsoleTest;
  let page: Page;
  let config: client.Configuration;
  /** The third-party application's callback, which receives the code. */
  let application: Server;
  let redirectUri: string;
  before(async () => {
    application = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Signed in to the application</h1>'),
    );
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(application.address() as AddressInfo).port}/callback`;
    t = await startConsoleTest();
    page = await t.newPage();
    const registered = await t.server.admin.post('/v1/applications', {
      name: 'Dashboard',
      organization: t.server.home.name,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const keys = await t.server.admin.post(`/v1/applications/${registered.body.application.id}/keys`, {
      keyType: 'PRODUCTION',
      redirectUris: [redirectUri],
    });
    assert.equal(keys.status, 201, JSON.stringify(keys.body));
    // The installation's own dashboard: users are not asked for consent.
    const profile = await t.server.admin.put(`/v1/oauth/clients/${keys.body.clientId}/profile`, { firstParty: true });
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    config = await client.discovery(new URL(t.server.url), keys.body.clientId, keys.body.clientSecret, undefined, {
      execute: [client.allowInsecureRequests],
    });
  });
  after(async () => {
    // Also after a failed `before`: the application server alone would keep the process alive.
    await t?.close();
    await new Promise((resolve) => application.close(resolve));
  });

  test("a signed-out user signs in on the console's page and the application receives a code it exchanges for tokens", async () => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      state,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await page.goto(url.href);
    await page.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(t.server.adminPassword);
    await screenshot(page, 'oauth-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${redirectUri}**`);
    await page.getByRole('heading', { name: 'Signed in to the application' }).waitFor();
    const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    assert.ok(tokens.access_token.length > 20);
    assert.equal(
      tokens.claims()?.sub,
      t.server.store.engine.user('admin')!.id,
      'the ID token names the user who signed in',
    );
  });
});
