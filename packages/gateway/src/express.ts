import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { checkResource, createGateway, type Gateway, type GatewayOptions } from './gateway.js';
import type { ResourceReference } from './permissions.js';
import { PROBLEM_CONTENT_TYPE, type Refusal } from './problems.js';
import type { TesseraAuth } from './verifier.js';

declare global {
  namespace Express {
    interface Request {
      /** The verified token, set by the Tessera gateway's middleware. */
      tessera?: TesseraAuth;
    }
  }
}

/** Names the resource a route acts on, from the request (its params, usually). */
export type ExpressResourceOf = (req: Request) => ResourceReference | Promise<ResourceReference>;

export interface TesseraExpress {
  readonly gateway: Gateway;
  /** Requires a valid token. */
  readonly authenticate: RequestHandler;
  /** Requires a valid token granting every one of the scopes. */
  requireScopes(...scopes: string[]): RequestHandler;
  /** Requires a valid token whose user Tessera allows the permission at the resource. */
  requirePermission(permission: string, resource: ExpressResourceOf): RequestHandler;
}

function refuse(res: Response, refusal: Refusal): void {
  res.status(refusal.status).set(refusal.headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(refusal.problem));
}

export function tesseraExpress(options: GatewayOptions): TesseraExpress {
  const gateway = createGateway(options);

  /** The request's verified token (verifying it once per request), or null after answering a refusal. */
  const authenticated = async (req: Request, res: Response): Promise<TesseraAuth | null> => {
    if (req.tessera !== undefined) return req.tessera;
    const outcome = await gateway.authenticate(req.headers.authorization);
    if ('refusal' in outcome) {
      refuse(res, outcome.refusal);
      return null;
    }
    req.tessera = outcome.auth;
    return outcome.auth;
  };

  /** Runs a step; unexpected errors go to Express's error handling. */
  const middleware =
    (step: (req: Request, res: Response) => Promise<boolean>): RequestHandler =>
    (req: Request, res: Response, next: NextFunction) => {
      step(req, res).then((pass) => {
        if (pass) next();
      }, next);
    };

  return {
    gateway,
    authenticate: middleware(async (req, res) => (await authenticated(req, res)) !== null),
    requireScopes(...scopes) {
      return middleware(async (req, res) => {
        const auth = await authenticated(req, res);
        if (auth === null) return false;
        const refusal = gateway.checkScopes(auth, scopes);
        if (refusal !== null) refuse(res, refusal);
        return refusal === null;
      });
    },
    requirePermission(permission, resourceOf) {
      return middleware(async (req, res) => {
        const auth = await authenticated(req, res);
        if (auth === null) return false;
        const refusal = await gateway.checkPermission(
          auth,
          permission,
          checkResource(await resourceOf(req), permission),
        );
        if (refusal !== null) refuse(res, refusal);
        return refusal === null;
      });
    },
  };
}
