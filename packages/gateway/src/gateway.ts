import {
  createPermissionChecker,
  CheckError,
  type PermissionChecker,
  type Resource,
  type ResourceReference,
} from './permissions.js';
import {
  insufficientScope,
  invalidToken,
  missingToken,
  permissionDenied,
  type Refusal,
  unavailable,
} from './problems.js';
import {
  bearerToken,
  createVerifier,
  TokenError,
  type TesseraAuth,
  type Verifier,
  type VerifierOptions,
} from './verifier.js';

export interface GatewayOptions extends VerifierOptions {
  /** Where to ask permission questions; defaults to the issuer. */
  readonly tesseraUrl?: string;
  /** Needed for `requirePermission`: a bearer token allowed `decision:check` at Tessera's home organization. */
  readonly serviceToken?: string | (() => string | Promise<string>);
  /** How long a permission answer is reused, in ms (default 5,000). */
  readonly permissionCacheMs?: number;
  /** The realm named in `WWW-Authenticate` (default `tessera`). */
  readonly realm?: string;
}

/** The outcome of one step: the caller passes, or is refused with this answer. */
export type Outcome = { readonly auth: TesseraAuth } | { readonly refusal: Refusal };

/** The framework-independent core the Fastify and Express adapters share. */
export interface Gateway {
  readonly verifier: Verifier;
  /** Verifies the `Authorization` header's bearer token. */
  authenticate(authorization: string | undefined): Promise<Outcome>;
  /** Null when every scope is granted; otherwise the refusal. */
  checkScopes(auth: TesseraAuth, scopes: readonly string[]): Refusal | null;
  /** Null when Tessera allows the token's user the permission at the resource; otherwise the refusal. */
  checkPermission(auth: TesseraAuth, permission: string, resource: Resource): Promise<Refusal | null>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const realm = options.realm ?? 'tessera';
  const verifier = createVerifier(options);
  let checker: PermissionChecker | null = null;
  const permissions = (): PermissionChecker => {
    if (options.serviceToken === undefined)
      throw new Error('requirePermission needs the gateway option "serviceToken"');
    checker ??= createPermissionChecker({
      tesseraUrl: options.tesseraUrl ?? options.issuer,
      serviceToken: options.serviceToken,
      ...(options.permissionCacheMs === undefined ? {} : { cacheMs: options.permissionCacheMs }),
    });
    return checker;
  };

  return {
    verifier,
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      if (token === null) return { refusal: missingToken(realm) };
      try {
        return { auth: await verifier.verify(token) };
      } catch (error) {
        if (error instanceof TokenError)
          return { refusal: error.unavailable ? unavailable(error.message) : invalidToken(realm, error.message) };
        throw error;
      }
    },
    checkScopes(auth, scopes) {
      const missing = scopes.filter((scope) => !auth.scopes.includes(scope));
      return missing.length === 0 ? null : insufficientScope(realm, scopes, missing);
    },
    async checkPermission(auth, permission, resource) {
      try {
        return (await permissions().allowed(auth.user, permission, resource))
          ? null
          : permissionDenied(realm, permission, resource);
      } catch (error) {
        if (error instanceof CheckError) return unavailable(error.message);
        throw error;
      }
    },
  };
}

/** Validates a route's resource, so a resolver's mistake is the server's (500), not a silent denial. */
export function checkResource(resource: ResourceReference | null | undefined, permission: string): Resource {
  if (
    resource === null ||
    resource === undefined ||
    typeof resource.type !== 'string' ||
    typeof resource.id !== 'string' ||
    resource.type === '' ||
    resource.id === ''
  ) {
    throw new Error(`the resource for permission "${permission}" must be {type, id} with non-empty strings`);
  }
  return { type: resource.type, id: resource.id };
}
