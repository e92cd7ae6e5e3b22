/** A resource as Tessera names it: `organization`, `project` or a resource type, and an id or name/path. */
export interface Resource {
  readonly type: string;
  readonly id: string;
}

/**
 * What a route's resolver answers. `id` may be undefined (a missing route parameter): the gateway
 * then fails the request as a server error rather than ask Tessera about nothing.
 */
export interface ResourceReference {
  readonly type: string;
  readonly id: string | undefined;
}

export interface PermissionCheckerOptions {
  /** Tessera's base URL (`POST <tesseraUrl>/v1/check`). */
  readonly tesseraUrl: string;
  /** A bearer token allowed `decision:check` at Tessera's home organization (a service account's). */
  readonly serviceToken: string | (() => string | Promise<string>);
  /** How long an answer is reused, in ms (default 5,000; 0: ask every time). */
  readonly cacheMs?: number;
  /** The most answers remembered (default 10,000). */
  readonly cacheSize?: number;
}

/** Tessera could not be asked, or answered something other than a decision. */
export class CheckError extends Error {
  override name = 'CheckError';
}

export interface PermissionChecker {
  allowed(user: string, permission: string, resource: Resource): Promise<boolean>;
}

interface Cached {
  readonly until: number;
  readonly answer: Promise<boolean>;
}

/** Asks Tessera's decision endpoint (docs/http-api.md#decisions), remembering answers a few seconds; concurrent equal questions share one request. */
export function createPermissionChecker(options: PermissionCheckerOptions): PermissionChecker {
  const endpoint = `${options.tesseraUrl.replace(/\/+$/, '')}/v1/check`;
  const cacheMs = options.cacheMs ?? 5_000;
  const cacheSize = options.cacheSize ?? 10_000;
  const answers = new Map<string, Cached>();
  const serviceToken = options.serviceToken;

  const ask = async (user: string, permission: string, resource: Resource): Promise<boolean> => {
    const token = typeof serviceToken === 'string' ? serviceToken : await serviceToken();
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ user, permission, resource: { type: resource.type, id: resource.id } }),
      });
    } catch (error) {
      throw new CheckError(
        `Tessera cannot be reached at ${endpoint} (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    const text = await response.text();
    if (response.status !== 200)
      throw new CheckError(`Tessera answered ${response.status} to the permission check: ${text.slice(0, 300)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new CheckError('Tessera answered the permission check with something other than JSON');
    }
    const allowed = (body as { allowed?: unknown } | null)?.allowed;
    if (typeof allowed !== 'boolean') throw new CheckError('Tessera answered the permission check without a decision');
    return allowed;
  };

  return {
    allowed(user, permission, resource) {
      if (cacheMs <= 0) return ask(user, permission, resource);
      const key = JSON.stringify([user, permission, resource.type, resource.id]);
      const now = Date.now();
      const cached = answers.get(key);
      if (cached !== undefined && cached.until > now) return cached.answer;
      if (cached !== undefined) answers.delete(key);
      const answer = ask(user, permission, resource);
      if (answers.size >= cacheSize) answers.delete(answers.keys().next().value as string);
      answers.set(key, { until: now + cacheMs, answer });
      // A failure is not an answer: the next request asks again.
      answer.catch(() => {
        if (answers.get(key)?.answer === answer) answers.delete(key);
      });
      return answer;
    },
  };
}
