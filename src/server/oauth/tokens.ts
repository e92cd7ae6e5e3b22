import { type KeyObject, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import type { Store } from '../../store/index.js';
import type { ServerContext } from '../context.js';
import { secretHash } from '../passwords.js';
import { disabledSince } from '../revocation.js';
import { SIGNING_ALGORITHM, type SigningKeyOptions, SigningKeys } from './keys.js';

/** The audience of every access token: Tessera-protected APIs. */
export const ACCESS_TOKEN_AUDIENCE = 'tessera';
export const REFRESH_TOKEN_PREFIX = 'trt';

export interface OAuthOptions extends SigningKeyOptions {
  /** Default 900 s. */
  readonly accessTokenLifetimeS?: number;
  /** How long an authorization code may be redeemed. Default 60 s. */
  readonly codeLifetimeS?: number;
  /** Default 30 days. */
  readonly refreshTokenLifetimeS?: number;
}

/** The claims of a Tessera access token (RFC 9068). */
export interface AccessTokenClaims extends JWTPayload {
  readonly iss: string;
  readonly sub: string;
  readonly aud: string;
  readonly client_id: string;
  readonly scope: string;
  readonly iat: number;
  readonly exp: number;
  readonly jti: string;
  /** The grant (an authorization code and the refresh tokens rotated from it) the token was issued under. */
  readonly sid?: string;
}

/** An application key that authenticated: the client and the application it belongs to. */
export interface OAuthClient {
  readonly clientId: string;
  readonly keyType: string;
  readonly redirectUris: readonly string[];
  /** A public client (browser or command line): no secret; authorization code with PKCE and refresh only. */
  readonly public: boolean;
  /** The installation's own client: users are not asked for consent. */
  readonly firstParty: boolean;
  readonly application: {
    readonly id: string;
    readonly owner: string;
    readonly organization: string;
    readonly name: string;
  };
}

export interface IssueOptions {
  readonly issuer: string;
  readonly subject: string;
  readonly clientId: string;
  readonly scope: readonly string[];
  /** Seconds since the epoch; default now (tests sign tokens in the past). */
  readonly issuedAt?: number;
  readonly lifetimeS?: number;
  /** The grant family (see `grantOf`); none for client credentials. */
  readonly grant?: string;
}

/** A refresh token as stored: live, or revoked (by rotation, revocation or its grant's revocation). */
export interface RefreshTokenGrant {
  readonly clientId: string;
  readonly userId: string;
  readonly scope: string[];
  readonly expiresAt: string;
  readonly createdAt: string;
  /** The grant family it belongs to. */
  readonly grant: string;
  readonly revoked: boolean;
}

/** What marks a whole grant revoked in `oauth_revoked_tokens` (a jti never contains a colon). */
const GRANT_MARK = 'grant:';
/** A refresh token is `trt_<grant>.<secret>`: the grant it belongs to travels with it. */
const GRANT_SEPARATOR = '.';

/**
 * Issues and checks the OAuth artefacts: signed access and ID tokens, refresh tokens and
 * authorization codes (only their hashes are stored), client authentication against the
 * application keys, and revocation.
 */
export class OAuthTokens {
  readonly keys: SigningKeys;
  readonly accessTokenLifetimeS: number;
  readonly codeLifetimeS: number;
  readonly refreshTokenLifetimeS: number;
  readonly #store: Store;
  readonly #getKey: JWTVerifyGetKey;

  constructor(store: Store, options: OAuthOptions = {}) {
    this.#store = store;
    this.accessTokenLifetimeS = options.accessTokenLifetimeS ?? 900;
    this.codeLifetimeS = options.codeLifetimeS ?? 60;
    this.refreshTokenLifetimeS = options.refreshTokenLifetimeS ?? 30 * 86_400;
    this.keys = new SigningKeys(store, {
      ...options,
      maxTokenLifetimeS: Math.max(options.maxTokenLifetimeS ?? 0, this.accessTokenLifetimeS),
    });
    this.#getKey = async (header) => {
      const key = header.kid === undefined ? undefined : await this.keys.verificationKey(header.kid);
      if (key === undefined) throw new joseErrors.JWKSNoMatchingKey();
      return key;
    };
  }

  /** Seconds since the epoch, by the keys' clock. */
  nowS(): number {
    return Math.floor(this.keys.now() / 1000);
  }

  async issueAccessToken(options: IssueOptions): Promise<{ token: string; claims: AccessTokenClaims }> {
    const { kid, privateKey } = await this.keys.signingKey();
    const iat = options.issuedAt ?? this.nowS();
    const claims: AccessTokenClaims = {
      iss: options.issuer,
      sub: options.subject,
      aud: ACCESS_TOKEN_AUDIENCE,
      client_id: options.clientId,
      scope: options.scope.join(' '),
      iat,
      exp: iat + (options.lifetimeS ?? this.accessTokenLifetimeS),
      jti: randomBytes(16).toString('base64url'),
      ...(options.grant === undefined ? {} : { sid: options.grant }),
    };
    return { token: signJwt({ alg: SIGNING_ALGORITHM, kid, typ: 'at+jwt' }, claims, privateKey), claims };
  }

  async issueIdToken(options: {
    issuer: string;
    subject: string;
    clientId: string;
    nonce: string | null;
    claims?: Record<string, unknown>;
  }): Promise<string> {
    const { kid, privateKey } = await this.keys.signingKey();
    const iat = this.nowS();
    const payload: JWTPayload = {
      ...options.claims,
      iss: options.issuer,
      sub: options.subject,
      aud: options.clientId,
      iat,
      auth_time: iat,
      exp: iat + this.accessTokenLifetimeS,
    };
    if (options.nonce !== null) payload.nonce = options.nonce;
    return signJwt({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' }, payload, privateKey);
  }

  /**
   * The claims of a valid access token of this server — signed by one of its keys, not expired,
   * not revoked, nor its grant, its user active and not disabled since it was issued — or null.
   * `issuer`, when given, must match too.
   */
  async verifyAccessToken(token: string, options: { issuer?: string } = {}): Promise<AccessTokenClaims | null> {
    const claims = await this.#verifySignature(token, options.issuer);
    if (claims === null) return null;
    const marks = typeof claims.sid === 'string' ? [claims.jti, `${GRANT_MARK}${claims.sid}`] : [claims.jti];
    const revoked = await this.#store.database
      .selectFrom('oauth_revoked_tokens')
      .select('jti')
      .where('jti', 'in', marks)
      .executeTakeFirst();
    if (revoked !== undefined) return null;
    // iat is in whole seconds: a token issued in the second its user was disabled counts as before.
    if (!(await disabledSince(this.#store).allows(claims.sub, claims.iat * 1000))) return null;
    return claims;
  }

  async #verifySignature(token: string, issuer: string | undefined): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.#getKey, {
        algorithms: [SIGNING_ALGORITHM],
        audience: ACCESS_TOKEN_AUDIENCE,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'iat', 'jti', 'client_id'],
        currentDate: new Date(this.keys.now()),
        ...(issuer === undefined ? {} : { issuer }),
      });
      if (typeof payload.jti !== 'string' || typeof payload.client_id !== 'string') return null;
      return { ...payload, scope: typeof payload.scope === 'string' ? payload.scope : '' } as AccessTokenClaims;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return null;
      throw error;
    }
  }

  /** The application key with this id and secret (not revoked), or null. */
  async authenticateClient(clientId: string, secret: string): Promise<OAuthClient | null> {
    const found = await this.#lookupClient(clientId);
    const expected = Buffer.from(found?.secretHash ?? 'x'.repeat(43));
    const actual = Buffer.from(secretHash(secret));
    const matches = expected.length === actual.length && timingSafeEqual(expected, actual);
    // A public client has no secret: nothing a caller sends authenticates as it.
    return found === undefined || !matches || found.client.public ? null : found.client;
  }

  /** The client of `clientId` without checking a secret (the authorization endpoint only needs its redirect URIs). */
  async findClient(clientId: string): Promise<OAuthClient | null> {
    return (await this.#lookupClient(clientId))?.client ?? null;
  }

  async #lookupClient(clientId: string): Promise<{ client: OAuthClient; secretHash: string } | undefined> {
    const row = await this.#store.database
      .selectFrom('application_keys as k')
      .innerJoin('applications as a', 'a.id', 'k.application')
      .leftJoin('oauth_client_profiles as p', 'p.client_id', 'k.client_id')
      .select([
        'p.public',
        'p.first_party',
        'k.client_id',
        'k.key_type',
        'k.secret_hash',
        'k.redirect_uris',
        'a.id',
        'a.owner',
        'a.organization',
        'a.name',
      ])
      .where('k.client_id', '=', clientId)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    let redirectUris: string[] = [];
    try {
      const parsed: unknown = JSON.parse(row.redirect_uris);
      if (Array.isArray(parsed)) redirectUris = parsed.filter((u): u is string => typeof u === 'string');
    } catch {
      // A malformed list allows no redirect at all.
    }
    const client: OAuthClient = {
      clientId: row.client_id,
      keyType: row.key_type,
      redirectUris,
      public: Number(row.public ?? 0) === 1,
      firstParty: Number(row.first_party ?? 0) === 1,
      application: { id: row.id, owner: row.owner, organization: row.organization, name: row.name },
    };
    return { client, secretHash: row.secret_hash };
  }

  async createCode(grant: {
    clientId: string;
    userId: string;
    redirectUri: string;
    scope: readonly string[];
    codeChallenge: string;
    nonce: string | null;
  }): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    const now = this.keys.now();
    // Codes live a minute: the table stays small if the expired ones go as new ones come.
    await this.#store.database
      .deleteFrom('oauth_codes')
      .where('expires_at', '<', new Date(now).toISOString())
      .execute();
    await this.#store.database
      .insertInto('oauth_codes')
      .values({
        code_hash: secretHash(code),
        client_id: grant.clientId,
        user_id: grant.userId,
        redirect_uri: grant.redirectUri,
        scope: grant.scope.join(' '),
        code_challenge: grant.codeChallenge,
        nonce: grant.nonce,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + this.codeLifetimeS * 1000).toISOString(),
      })
      .execute();
    return code;
  }

  /**
   * Marks a code used and answers its grant; undefined when unknown, used already or expired.
   * Single use even under races. A code presented again after it was redeemed revokes every token
   * issued from it (RFC 6749 §4.1.2): whoever replays it may have stolen it.
   */
  async redeemCode(code: string): Promise<
    | {
        clientId: string;
        userId: string;
        redirectUri: string;
        scope: string[];
        codeChallenge: string;
        nonce: string | null;
        grant: string;
      }
    | undefined
  > {
    const hash = secretHash(code);
    const now = new Date(this.keys.now()).toISOString();
    const updated = await this.#store.database
      .updateTable('oauth_codes')
      .set({ used_at: now })
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const used = await this.#store.database
        .selectFrom('oauth_codes')
        .select('used_at')
        .where('code_hash', '=', hash)
        .executeTakeFirst();
      if (used?.used_at !== null && used?.used_at !== undefined) await this.revokeGrant(grantOf(code));
      return undefined;
    }
    const row = await this.#store.database
      .selectFrom('oauth_codes')
      .selectAll()
      .where('code_hash', '=', hash)
      .executeTakeFirstOrThrow();
    if (row.expires_at <= now) return undefined;
    return {
      clientId: row.client_id,
      userId: row.user_id,
      redirectUri: row.redirect_uri,
      scope: splitScope(row.scope),
      codeChallenge: row.code_challenge,
      nonce: row.nonce,
      grant: grantOf(code),
    };
  }

  async createRefreshToken(grant: {
    clientId: string;
    userId: string;
    scope: readonly string[];
    grant: string;
  }): Promise<string> {
    const token = `${REFRESH_TOKEN_PREFIX}_${grant.grant}${GRANT_SEPARATOR}${randomBytes(32).toString('base64url')}`;
    const now = this.keys.now();
    // Now and then, forget refresh tokens that have expired (revoked ones too, once expired).
    if (Math.random() < 0.01)
      await this.#store.database
        .deleteFrom('oauth_refresh_tokens')
        .where('expires_at', '<', new Date(now).toISOString())
        .execute();
    await this.#store.database
      .insertInto('oauth_refresh_tokens')
      .values({
        token_hash: secretHash(token),
        client_id: grant.clientId,
        user_id: grant.userId,
        scope: grant.scope.join(' '),
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + this.refreshTokenLifetimeS * 1000).toISOString(),
      })
      .execute();
    return token;
  }

  /**
   * A refresh token as stored, revoked or not, or undefined when it is unknown or expired. A token
   * counts as revoked when it was, when its grant was, or when its user was disabled after it was
   * made; it is not usable (undefined) when its user is gone or disabled.
   */
  async refreshTokenState(token: string): Promise<RefreshTokenGrant | undefined> {
    const row = await this.#store.database
      .selectFrom('oauth_refresh_tokens')
      .selectAll()
      .where('token_hash', '=', secretHash(token))
      .executeTakeFirst();
    if (row === undefined || row.expires_at <= new Date(this.keys.now()).toISOString()) return undefined;
    const grant = refreshGrantOf(token);
    const grantRevoked = await this.#store.database
      .selectFrom('oauth_revoked_tokens')
      .select('jti')
      .where('jti', '=', `${GRANT_MARK}${grant}`)
      .executeTakeFirst();
    const allowed = await disabledSince(this.#store).allows(row.user_id, Date.parse(row.created_at));
    return {
      clientId: row.client_id,
      userId: row.user_id,
      scope: splitScope(row.scope),
      expiresAt: row.expires_at,
      createdAt: row.created_at,
      grant,
      revoked: row.revoked_at !== null || grantRevoked !== undefined || !allowed,
    };
  }

  /** A live refresh token's grant, or undefined. */
  async findRefreshToken(token: string): Promise<RefreshTokenGrant | undefined> {
    const state = await this.refreshTokenState(token);
    return state === undefined || state.revoked ? undefined : state;
  }

  /** Revokes a refresh token of `clientId`; true when this call revoked it (so a rotation uses it once). */
  async revokeRefreshToken(token: string, clientId: string): Promise<boolean> {
    const updated = await this.#store.database
      .updateTable('oauth_refresh_tokens')
      .set({ revoked_at: new Date(this.keys.now()).toISOString() })
      .where('token_hash', '=', secretHash(token))
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /**
   * Revokes a whole grant: every refresh token rotated from one authorization code, and every
   * access token issued under it. Remembered as long as any of its tokens could still be valid.
   */
  async revokeGrant(grant: string): Promise<void> {
    const now = this.keys.now();
    const until = now + Math.max(this.refreshTokenLifetimeS, this.accessTokenLifetimeS) * 1000;
    await this.#store.database
      .insertInto('oauth_revoked_tokens')
      .values({ jti: `${GRANT_MARK}${grant}`, expires_at: new Date(until).toISOString() })
      .onConflict((c) => c.column('jti').doUpdateSet({ expires_at: new Date(until).toISOString() }))
      .execute();
  }

  /** Revokes an access token of `clientId` by its jti (kept until it would have expired anyway). */
  async revokeAccessToken(token: string, clientId: string): Promise<boolean> {
    const claims = await this.#verifySignature(token, undefined);
    if (claims === null || claims.client_id !== clientId) return false;
    const database = this.#store.database;
    const now = new Date(this.keys.now()).toISOString();
    await database.deleteFrom('oauth_revoked_tokens').where('expires_at', '<', now).execute();
    await database
      .insertInto('oauth_revoked_tokens')
      .values({ jti: claims.jti, expires_at: new Date(claims.exp * 1000).toISOString() })
      .onConflict((c) => c.column('jti').doNothing())
      .execute();
    return true;
  }
}

/** A compact JWS (RFC 7515) signed with ES256: the signature is r‖s (IEEE P1363), as JWA requires. */
function signJwt(header: Record<string, string>, payload: JWTPayload, key: KeyObject): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** The grant family of an authorization code: every token issued from it carries it. */
export function grantOf(code: string): string {
  return secretHash(`grant:${code}`).slice(0, 32);
}

/** The grant a refresh token belongs to; a token made before grants were tracked is a grant of its own. */
function refreshGrantOf(token: string): string {
  const body = token.slice(REFRESH_TOKEN_PREFIX.length + 1);
  const separator = body.indexOf(GRANT_SEPARATOR);
  return separator > 0 ? body.slice(0, separator) : secretHash(`grant:${token}`).slice(0, 32);
}

export function splitScope(scope: string | undefined | null): string[] {
  if (scope === undefined || scope === null) return [];
  return [...new Set(scope.split(' ').filter((s) => s !== ''))];
}

const services = new WeakMap<ServerContext, OAuthTokens>();

/** The OAuth token service of a running server (made by its routes). */
export function oauthTokensOf(context: ServerContext): OAuthTokens {
  let service = services.get(context);
  if (service === undefined) {
    service = new OAuthTokens(context.store);
    services.set(context, service);
  }
  return service;
}

/**
 * For the server's own use: the claims of a valid Tessera access token (signature by a current
 * or recently retired key, `aud` tessera, not expired, not revoked), or null.
 */
export function verifyAccessToken(context: ServerContext, token: string): Promise<AccessTokenClaims | null> {
  return oauthTokensOf(context).verifyAccessToken(token);
}
