import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/** The claims of a Tessera access token (RFC 9068). */
export interface TesseraClaims extends JWTPayload {
  readonly iss: string;
  /** The user id: for client credentials, the application owner's. */
  readonly sub: string;
  readonly exp: number;
  readonly iat: number;
  readonly client_id?: string;
  /** Space-separated. */
  readonly scope?: string;
  readonly jti?: string;
}

/** What a verified request carries (`request.tessera` / `req.tessera`). */
export interface TesseraAuth {
  /** The user id (`sub`). */
  readonly user: string;
  readonly clientId: string | undefined;
  readonly scopes: readonly string[];
  readonly claims: TesseraClaims;
}

export interface VerifierOptions {
  /** Tessera's issuer, exactly as in its tokens' `iss` (its public URL). */
  readonly issuer: string;
  /** Defaults to `<issuer>/oauth2/jwks`. */
  readonly jwksUri?: string;
  /** Defaults to `tessera`. */
  readonly audience?: string;
  /** Leeway for `exp`/`iat`/`nbf`, in seconds (default 5). */
  readonly clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches caused by an unknown `kid`, in ms (default 30 s). */
  readonly jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch, in ms (default 10 min). */
  readonly jwksMaxAgeMs?: number;
  /**
   * How many verified tokens to remember (by their exact text) until they expire, so a token seen
   * again skips the signature check; 0 turns it off. Default 10,000.
   */
  readonly cacheSize?: number;
}

/** Why a token was refused; `unavailable` when the keys could not be fetched (not the caller's fault). */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly unavailable = false,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export interface Verifier {
  /** The verified claims, or a TokenError. */
  verify(token: string): Promise<TesseraAuth>;
}

/** Errors that say the token is bad; any other failure (network, a broken JWKS) means the keys are unavailable. */
const TOKEN_ERRORS = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's "${error.claim}" claim is not acceptable (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is signed by a key the issuer does not publish';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with ES256';
  return `the token is malformed (${error.message})`;
}

/** Verifies Tessera access tokens against the issuer's JWKS (keys cached; refetched when an unknown `kid` appears). */
export function createVerifier(options: VerifierOptions): Verifier {
  const issuer = options.issuer;
  const audience = options.audience ?? 'tessera';
  const jwksUri = new URL(options.jwksUri ?? `${issuer.replace(/\/+$/, '')}/oauth2/jwks`);
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const cacheSize = options.cacheSize ?? 10_000;
  const keys = createRemoteJWKSet(jwksUri, {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
  });
  // Insertion-ordered: the oldest entry goes first when full.
  const verified = new Map<string, TesseraAuth>();

  const remember = (token: string, auth: TesseraAuth): void => {
    if (cacheSize <= 0) return;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
    verified.set(token, auth);
  };

  return {
    async verify(token) {
      const known = verified.get(token);
      if (known !== undefined) {
        if (known.claims.exp + clockTolerance > Date.now() / 1000) return known;
        verified.delete(token);
        throw new TokenError('the token has expired');
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer,
          audience,
          algorithms: ['ES256'],
          typ: 'at+jwt',
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance,
        }));
      } catch (error) {
        if (error instanceof errors.JOSEError && TOKEN_ERRORS.has(error.code)) throw new TokenError(describe(error));
        throw new TokenError(
          `the issuer's signing keys cannot be fetched (${error instanceof Error ? error.message : String(error)})`,
          true,
        );
      }
      const claims = payload as TesseraClaims;
      if (claims.scope !== undefined && typeof claims.scope !== 'string')
        throw new TokenError('the token\'s "scope" claim is not a string');
      if (claims.client_id !== undefined && typeof claims.client_id !== 'string')
        throw new TokenError('the token\'s "client_id" claim is not a string');
      const auth: TesseraAuth = {
        user: claims.sub,
        clientId: claims.client_id,
        scopes: claims.scope === undefined ? [] : claims.scope.split(' ').filter((scope) => scope !== ''),
        claims,
      };
      remember(token, auth);
      return auth;
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header; null when there is none (or another scheme). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S.*)$/i.exec(header.trim());
  return match === null ? null : match[1]!;
}
