import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { signInRefusal } from '../../core/sign-in.js';
import type { Principal } from '../credentials.js';
import { consentsOf } from './consent.js';
import { issuerOf } from './issuer.js';
import {
  type AccessTokenClaims,
  type OAuthClient,
  type OAuthTokens,
  REFRESH_TOKEN_PREFIX,
  oauthTokensOf,
  splitScope,
} from './tokens.js';

/** Scopes of OpenID Connect itself: granted to whoever asks in the authorization code flow, never filtered by roles. */
const OPENID_SCOPES = new Set(['openid', 'profile', 'email']);
const FORM = 'application/x-www-form-urlencoded';
const MAX_PARAMETER = 4096;

/** An OAuth error (RFC 6749 §5.2): `{error, error_description}`, not problem+json. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

type Parameters = Record<string, string>;

/**
 * The OAuth 2.0 / OpenID Connect endpoints: discovery, JWKS, token (client credentials,
 * authorization code with PKCE, refresh), authorization, introspection (RFC 7662) and revocation
 * (RFC 7009). Access tokens are ES256 JWTs (RFC 9068) signed by rotating keys.
 */
export function oauthRoutes(app: App, context: ServerContext): void {
  const tokens = oauthTokensOf(context);
  void app.register(async (scope) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      try {
        done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.setErrorHandler(async (error, request, reply) => {
      if (error instanceof OAuthError) return sendOAuthError(request, reply, error);
      // Fastify's own refusals (body too large, unsupported media type) and the app's (a bad
      // Authorization header, a cookie without its CSRF token) are malformed OAuth requests.
      const status = error instanceof HttpProblem ? error.status : (error as { statusCode?: number }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return sendOAuthError(
          request,
          reply,
          new OAuthError(
            status === 401 ? 401 : 400,
            status === 401 ? 'invalid_client' : 'invalid_request',
            (error as Error).message,
          ),
        );
      }
      request.log.error({ err: error }, 'OAuth request failed');
      return sendOAuthError(
        request,
        reply,
        new OAuthError(500, 'server_error', 'the server failed to handle the request'),
      );
    });

    const config = { public: true } as const;
    const tags = ['OAuth 2.0'];

    scope.get(
      '/.well-known/openid-configuration',
      { config, schema: { tags, summary: 'OpenID Connect discovery' } },
      async () => {
        const issuer = issuerOf(context);
        const authMethods = ['client_secret_basic', 'client_secret_post'];
        const tokenAuthMethods = [...authMethods, 'none'];
        return {
          issuer,
          authorization_endpoint: `${issuer}/oauth2/authorize`,
          token_endpoint: `${issuer}/oauth2/token`,
          jwks_uri: `${issuer}/oauth2/jwks`,
          introspection_endpoint: `${issuer}/oauth2/introspect`,
          revocation_endpoint: `${issuer}/oauth2/revoke`,
          response_types_supported: ['code'],
          response_modes_supported: ['query'],
          grant_types_supported: ['authorization_code', 'client_credentials', 'refresh_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          token_endpoint_auth_methods_supported: tokenAuthMethods,
          introspection_endpoint_auth_methods_supported: authMethods,
          revocation_endpoint_auth_methods_supported: tokenAuthMethods,
          code_challenge_methods_supported: ['S256'],
          authorization_response_iss_parameter_supported: true,
          scopes_supported: [...OPENID_SCOPES, ...context.store.engine.scopes().map((s) => s.name)],
          claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'email'],
        };
      },
    );

    scope.get(
      '/oauth2/jwks',
      { config, schema: { tags, summary: 'The public keys tokens are signed with (JWKS)' } },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return tokens.keys.jwks();
      },
    );

    scope.post(
      '/oauth2/token',
      {
        config,
        schema: { tags, summary: 'Token endpoint: client_credentials, authorization_code (PKCE S256), refresh_token' },
      },
      async (request, reply) => {
        const parameters = formOf(request);
        const client = await authenticateClient(tokens, request, parameters, {
          allowPublic: parameters.grant_type === 'authorization_code' || parameters.grant_type === 'refresh_token',
        });
        const issuer = issuerOf(context);
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        switch (parameters.grant_type) {
          case 'client_credentials':
            return clientCredentials(context, tokens, client, issuer, parameters);
          case 'authorization_code':
            return authorizationCode(context, tokens, client, issuer, parameters);
          case 'refresh_token':
            return refreshToken(context, tokens, client, issuer, parameters);
          case undefined:
            throw new OAuthError(400, 'invalid_request', 'grant_type is required');
          default:
            throw new OAuthError(
              400,
              'unsupported_grant_type',
              `grant_type "${parameters.grant_type}" is not supported`,
            );
        }
      },
    );

    scope.get(
      '/oauth2/authorize',
      { config, schema: { tags, summary: 'Authorization endpoint (response_type=code, PKCE S256 required)' } },
      async (request, reply) => {
        const outcome = await authorize(context, tokens, request.principal, request.query as Record<string, unknown>);
        if (outcome.kind === 'sign-in')
          return reply
            .code(302)
            .header('cache-control', 'no-store')
            .redirect(`/console/sign-in?return=${encodeURIComponent(request.url)}`);
        if (outcome.kind === 'consent')
          return reply
            .code(302)
            .header('cache-control', 'no-store')
            .redirect(`/console/consent?${new URLSearchParams(outcome.request).toString()}`);
        return reply.code(302).header('cache-control', 'no-store').redirect(outcome.url);
      },
    );

    scope.post(
      '/oauth2/introspect',
      { config, schema: { tags, summary: 'Token introspection (RFC 7662)' } },
      async (request, reply) => {
        const parameters = formOf(request);
        const client = await authenticateClient(tokens, request, parameters);
        reply.header('cache-control', 'no-store');
        const token = parameters.token;
        if (token === undefined) throw new OAuthError(400, 'invalid_request', 'token is required');
        if (token.startsWith(`${REFRESH_TOKEN_PREFIX}_`)) {
          const grant = await tokens.findRefreshToken(token);
          // Refresh tokens are the client's own secrets: another client learns nothing of them.
          if (grant === undefined || grant.clientId !== client.clientId) return { active: false };
          return {
            active: true,
            token_type: 'refresh_token',
            client_id: grant.clientId,
            sub: grant.userId,
            scope: grant.scope.join(' '),
            exp: Math.floor(Date.parse(grant.expiresAt) / 1000),
          };
        }
        const claims = await tokens.verifyAccessToken(token, { issuer: issuerOf(context) });
        if (claims === null) return { active: false };
        return describeAccessToken(context, claims);
      },
    );

    scope.post(
      '/oauth2/revoke',
      { config, schema: { tags, summary: 'Token revocation (RFC 7009)' } },
      async (request, reply) => {
        const parameters = formOf(request);
        const client = await authenticateClient(tokens, request, parameters, { allowPublic: true });
        const token = parameters.token;
        if (token === undefined) throw new OAuthError(400, 'invalid_request', 'token is required');
        // Unknown tokens and tokens of other clients are answered the same (RFC 7009 §2.2): nothing to learn here.
        // Revoking a refresh token revokes its grant: the access tokens issued under it too (RFC 7009 §2.1).
        if (token.startsWith(`${REFRESH_TOKEN_PREFIX}_`)) {
          const grant = await tokens.refreshTokenState(token);
          if (grant !== undefined && grant.clientId === client.clientId) {
            await tokens.revokeRefreshToken(token, client.clientId);
            await tokens.revokeGrant(grant.grant);
          }
        } else await tokens.revokeAccessToken(token, client.clientId);
        return reply.code(200).header('cache-control', 'no-store').send();
      },
    );
  });
}

/** What an authorization request leads to: a redirect back to the client, the sign-in page, or the consent screen. */
export type AuthorizeOutcome =
  | { readonly kind: 'redirect'; readonly url: string }
  | { readonly kind: 'sign-in' }
  | { readonly kind: 'consent'; readonly request: Record<string, string> };

/**
 * The authorization endpoint's logic (RFC 6749 §4.1.1, PKCE S256 required), shared by
 * `GET /oauth2/authorize` and the consent decision (`decision`: the user allowed or denied on the
 * consent screen). A third-party client needs the user's consent to the scopes it would get,
 * remembered per user × client; a first-party client does not. Errors before the client and its
 * redirect URI are known to match are thrown, never redirected (RFC 6749 §4.1.2.1).
 */
export async function authorize(
  context: ServerContext,
  tokens: OAuthTokens,
  principal: Principal | null,
  query: Record<string, unknown>,
  decision?: 'allow' | 'deny',
): Promise<AuthorizeOutcome> {
  const parameter = (name: string): string | undefined => {
    const value = query[name];
    if (Array.isArray(value)) throw new OAuthError(400, 'invalid_request', `${name} is repeated`);
    if (typeof value !== 'string' || value === '') return undefined;
    if (value.length > MAX_PARAMETER) throw new OAuthError(400, 'invalid_request', `${name} is too long`);
    return value;
  };
  const clientId = parameter('client_id');
  if (clientId === undefined) throw new OAuthError(400, 'invalid_request', 'client_id is required');
  const client = await tokens.findClient(clientId);
  if (client === null) throw new OAuthError(400, 'invalid_client', 'the client is unknown');
  const redirectUri = parameter('redirect_uri');
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    throw new OAuthError(400, 'invalid_request', 'redirect_uri must be one registered for the client');
  }
  const state = parameter('state');
  const back = (values: Record<string, string>): AuthorizeOutcome => {
    const target = new URL(redirectUri);
    for (const [name, value] of Object.entries(values)) target.searchParams.set(name, value);
    if (state !== undefined) target.searchParams.set('state', state);
    target.searchParams.set('iss', issuerOf(context));
    return { kind: 'redirect', url: target.href };
  };
  try {
    if (parameter('response_type') !== 'code')
      throw new OAuthError(400, 'unsupported_response_type', 'response_type must be "code"');
    const codeChallenge = parameter('code_challenge');
    if (codeChallenge === undefined || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge))
      throw new OAuthError(400, 'invalid_request', 'code_challenge (S256, 43 characters) is required');
    if (parameter('code_challenge_method') !== 'S256')
      throw new OAuthError(400, 'invalid_request', 'code_challenge_method must be S256');
    if (principal === null) {
      if (parameter('prompt') === 'none') throw new OAuthError(400, 'login_required', 'the user is not signed in');
      return { kind: 'sign-in' };
    }
    const refusal = signInRefusal(context.store.engine, principal.user.id);
    if (refusal !== null) throw new OAuthError(400, 'access_denied', refusal.reason);
    const requested = splitScope(parameter('scope'));
    const granted = grantedScopes(
      context,
      principal.user.id,
      client.application.organization,
      requested.filter((s) => !OPENID_SCOPES.has(s)),
    );
    const scope = [...requested.filter((s) => OPENID_SCOPES.has(s)), ...granted];
    if (decision === 'deny') throw new OAuthError(400, 'access_denied', 'the user denied the request');
    const consents = consentsOf(context);
    if (decision === 'allow') await consents.remember(principal.user.id, client.clientId, scope);
    else if (!client.firstParty) {
      const covered =
        parameter('prompt') !== 'consent' && (await consents.covers(principal.user.id, client.clientId, scope));
      if (!covered) {
        if (parameter('prompt') === 'none')
          throw new OAuthError(400, 'consent_required', 'the user has not consented to this client and scope');
        const request: Record<string, string> = {};
        for (const name of AUTHORIZE_PARAMETERS) {
          const value = parameter(name);
          if (value !== undefined) request[name] = value;
        }
        return { kind: 'consent', request };
      }
    }
    const code = await tokens.createCode({
      clientId,
      userId: principal.user.id,
      redirectUri,
      scope,
      codeChallenge,
      nonce: parameter('nonce') ?? null,
    });
    return back({ code });
  } catch (error) {
    if (error instanceof OAuthError) return back({ error: error.error, error_description: error.description });
    throw error;
  }
}

/** The parameters of an authorization request the consent screen carries back. */
const AUTHORIZE_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'nonce',
] as const;

function describeAccessToken(context: ServerContext, claims: AccessTokenClaims): Record<string, unknown> {
  const user = context.store.engine.user(claims.sub);
  return {
    active: true,
    token_type: 'Bearer',
    scope: claims.scope,
    client_id: claims.client_id,
    sub: claims.sub,
    ...(user !== undefined && user.id === claims.sub ? { username: user.username } : {}),
    aud: claims.aud,
    iss: claims.iss,
    exp: claims.exp,
    iat: claims.iat,
    jti: claims.jti,
  };
}

async function clientCredentials(
  context: ServerContext,
  tokens: OAuthTokens,
  client: OAuthClient,
  issuer: string,
  parameters: Parameters,
) {
  const owner = client.application.owner;
  const user = context.store.engine.user(owner);
  if (user === undefined || user.id !== owner || user.status === 'disabled') {
    throw new OAuthError(400, 'unauthorized_client', "the application's owner no longer exists or is disabled");
  }
  const scope = grantedScopes(context, owner, client.application.organization, splitScope(parameters.scope));
  const { token } = await tokens.issueAccessToken({ issuer, subject: owner, clientId: client.clientId, scope });
  return { access_token: token, token_type: 'Bearer', expires_in: tokens.accessTokenLifetimeS, scope: scope.join(' ') };
}

async function authorizationCode(
  context: ServerContext,
  tokens: OAuthTokens,
  client: OAuthClient,
  issuer: string,
  parameters: Parameters,
) {
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = parameters;
  if (code === undefined) throw new OAuthError(400, 'invalid_request', 'code is required');
  if (verifier === undefined) throw new OAuthError(400, 'invalid_request', 'code_verifier is required (PKCE)');
  const grant = await tokens.redeemCode(code);
  if (grant === undefined) throw new OAuthError(400, 'invalid_grant', 'the code is unknown, expired or used already');
  if (grant.clientId !== client.clientId)
    throw new OAuthError(400, 'invalid_grant', 'the code was issued to another client');
  if (redirectUri !== grant.redirectUri)
    throw new OAuthError(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
  if (!sameText(createHash('sha256').update(verifier).digest('base64url'), grant.codeChallenge)) {
    throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
  }
  const user = context.store.engine.user(grant.userId);
  if (user === undefined || user.id !== grant.userId || user.status !== 'active')
    throw new OAuthError(400, 'invalid_grant', 'the user can no longer sign in');
  const { token } = await tokens.issueAccessToken({
    issuer,
    subject: user.id,
    clientId: client.clientId,
    scope: grant.scope,
    grant: grant.grant,
  });
  const refresh = await tokens.createRefreshToken({
    clientId: client.clientId,
    userId: user.id,
    scope: grant.scope,
    grant: grant.grant,
  });
  const answer: Record<string, unknown> = {
    access_token: token,
    token_type: 'Bearer',
    expires_in: tokens.accessTokenLifetimeS,
    refresh_token: refresh,
    scope: grant.scope.join(' '),
  };
  if (grant.scope.includes('openid')) {
    const claims: Record<string, unknown> = { preferred_username: user.username };
    if (grant.scope.includes('email') && user.email !== undefined && user.email !== null) claims.email = user.email;
    answer.id_token = await tokens.issueIdToken({
      issuer,
      subject: user.id,
      clientId: client.clientId,
      nonce: grant.nonce,
      claims,
    });
  }
  return answer;
}

async function refreshToken(
  context: ServerContext,
  tokens: OAuthTokens,
  client: OAuthClient,
  issuer: string,
  parameters: Parameters,
) {
  const presented = parameters.refresh_token;
  if (presented === undefined) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
  const grant = await tokens.refreshTokenState(presented);
  const refused = new OAuthError(
    400,
    'invalid_grant',
    'the refresh token is unknown, expired, revoked or of another client',
  );
  if (grant === undefined || grant.clientId !== client.clientId) throw refused;
  // A rotated (or revoked) token presented again: the token or its successor was stolen, so the
  // whole grant is revoked, successors included (RFC 9700 §4.14.2).
  if (grant.revoked) {
    await tokens.revokeGrant(grant.grant);
    throw refused;
  }
  const user = context.store.engine.user(grant.userId);
  if (user === undefined || user.id !== grant.userId || user.status !== 'active')
    throw new OAuthError(400, 'invalid_grant', 'the user can no longer sign in');
  const requested = parameters.scope === undefined ? grant.scope : splitScope(parameters.scope);
  const outside = requested.filter((s) => !grant.scope.includes(s));
  if (outside.length > 0) throw new OAuthError(400, 'invalid_scope', `not granted originally: ${outside.join(' ')}`);
  // Rotation, once every check has passed (a refused request leaves the token usable): the
  // presented token is revoked by this use; losing a race to another use of it is a replay.
  if (!(await tokens.revokeRefreshToken(presented, client.clientId))) {
    await tokens.revokeGrant(grant.grant);
    throw refused;
  }
  // Roles may have changed since the grant: the new token carries only what they still allow.
  const organization = client.application.organization;
  const scope = [
    ...requested.filter((s) => OPENID_SCOPES.has(s)),
    ...grantedScopes(
      context,
      user.id,
      organization,
      requested.filter((s) => !OPENID_SCOPES.has(s)),
    ),
  ];
  const { token } = await tokens.issueAccessToken({
    issuer,
    subject: user.id,
    clientId: client.clientId,
    scope,
    grant: grant.grant,
  });
  const refresh = await tokens.createRefreshToken({
    clientId: client.clientId,
    userId: user.id,
    scope,
    grant: grant.grant,
  });
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: tokens.accessTokenLifetimeS,
    refresh_token: refresh,
    scope: scope.join(' '),
  };
}

/** What of `requested` the user's roles allow at the application's organization. */
function grantedScopes(
  context: ServerContext,
  user: string,
  organization: string,
  requested: readonly string[],
): string[] {
  if (requested.length === 0) return [];
  return [
    ...context.store.engine.grantableScopes({ user, requested, resource: { type: 'organization', id: organization } })
      .granted,
  ];
}

/** Client authentication: HTTP Basic (RFC 6749 §2.3.1, form-encoded id and secret) or client_secret_post, never both. */
async function authenticateClient(
  tokens: OAuthTokens,
  request: FastifyRequest,
  parameters: Parameters,
  options: { readonly allowPublic: boolean } = { allowPublic: false },
): Promise<OAuthClient> {
  const header = headerOf(request, 'authorization');
  let clientId: string | undefined;
  let secret: string | undefined;
  const basic = header !== undefined && /^Basic\s+/i.test(header);
  if (basic) {
    if (parameters.client_secret !== undefined)
      throw new OAuthError(400, 'invalid_request', 'use one client authentication method, not two');
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError(401, 'invalid_client', 'the Basic credentials are malformed');
    try {
      clientId = decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
      secret = decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' '));
    } catch {
      throw new OAuthError(401, 'invalid_client', 'the Basic credentials are malformed');
    }
    if (parameters.client_id !== undefined && parameters.client_id !== clientId)
      throw new OAuthError(400, 'invalid_request', 'client_id differs from the authenticated client');
  } else {
    clientId = parameters.client_id;
    secret = parameters.client_secret;
  }
  // A public client (RFC 6749 §2.1) identifies itself by client_id alone; PKCE binds its codes.
  if (clientId !== undefined && secret === undefined && !basic && options.allowPublic) {
    const client = await tokens.findClient(clientId);
    if (client?.public === true) return client;
  }
  if (clientId === undefined || secret === undefined)
    throw new OAuthError(401, 'invalid_client', 'client authentication is required');
  const client = await tokens.authenticateClient(clientId, secret);
  if (client === null) throw new OAuthError(401, 'invalid_client', 'client authentication failed');
  return client;
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function formOf(request: FastifyRequest): Parameters {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith(FORM) || request.body === null || typeof request.body !== 'object') {
    throw new OAuthError(400, 'invalid_request', `the body must be ${FORM}`);
  }
  return request.body as Parameters;
}

/** Parses a form body; a repeated parameter is an error (RFC 6749 §3.2), empty ones count as absent. */
function parseForm(text: string): Parameters {
  const parameters: Parameters = Object.create(null) as Parameters;
  for (const [name, value] of new URLSearchParams(text)) {
    if (name in parameters) throw new OAuthError(400, 'invalid_request', `${name} is repeated`);
    if (value.length > MAX_PARAMETER) throw new OAuthError(400, 'invalid_request', `${name} is too long`);
    if (value !== '') parameters[name] = value;
  }
  return parameters;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendOAuthError(request: FastifyRequest, reply: FastifyReply, error: OAuthError): FastifyReply {
  if (error.status === 401 && /^Basic\s/i.test(request.headers.authorization ?? ''))
    reply.header('www-authenticate', 'Basic realm="tessera"');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send({ error: error.error, error_description: error.description });
}
