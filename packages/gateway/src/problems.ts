/** Every problem type starts with this, as Tessera's own do (RFC 9457). */
export const PROBLEM_BASE = 'https://tessera.dev/problems/';

export type ProblemSlug = 'unauthorized' | 'forbidden' | 'unavailable';

const TITLES: Readonly<Record<ProblemSlug, string>> = {
  unauthorized: 'send a valid bearer token',
  forbidden: 'the token does not allow this operation',
  unavailable: 'the token or permission cannot be checked right now',
};

const STATUSES: Readonly<Record<ProblemSlug, number>> = { unauthorized: 401, forbidden: 403, unavailable: 503 };

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

/** A refusal: the status, the RFC 9457 body, and the RFC 6750 challenge to send with it. */
export interface Refusal {
  readonly status: number;
  readonly problem: ProblemDocument;
  readonly headers: Readonly<Record<string, string>>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Quotes a value for an auth-param (RFC 9110 quoted-string). */
function quoted(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function challenge(realm: string, params: Record<string, string>): string {
  return [
    `Bearer realm=${quoted(realm)}`,
    ...Object.entries(params).map(([name, value]) => `${name}=${quoted(value)}`),
  ].join(', ');
}

function problem(slug: ProblemSlug, detail: string, extensions: Record<string, unknown> = {}): ProblemDocument {
  return { type: PROBLEM_BASE + slug, title: TITLES[slug], status: STATUSES[slug], detail, ...extensions };
}

/** No credentials at all: RFC 6750 §3.1 sends the challenge without an error code. */
export function missingToken(realm: string): Refusal {
  return {
    status: 401,
    problem: problem('unauthorized', 'the request carries no bearer token'),
    headers: { 'www-authenticate': challenge(realm, {}) },
  };
}

/** A token that is malformed, expired, wrongly signed or meant for someone else. */
export function invalidToken(realm: string, detail: string): Refusal {
  return {
    status: 401,
    problem: problem('unauthorized', detail),
    headers: { 'www-authenticate': challenge(realm, { error: 'invalid_token', error_description: detail }) },
  };
}

/** A valid token without the scopes the route requires. */
export function insufficientScope(realm: string, required: readonly string[], missing: readonly string[]): Refusal {
  const detail = `the token lacks the scope${missing.length === 1 ? '' : 's'} ${missing.map((scope) => `"${scope}"`).join(', ')}`;
  return {
    status: 403,
    problem: problem('forbidden', detail, { scopes: missing }),
    headers: {
      'www-authenticate': challenge(realm, {
        error: 'insufficient_scope',
        error_description: detail,
        scope: required.join(' '),
      }),
    },
  };
}

/** A valid token whose user Tessera does not allow the permission at the resource. */
export function permissionDenied(realm: string, permission: string, resource: { type: string; id: string }): Refusal {
  const detail = `the permission "${permission}" is not granted at ${resource.type} "${resource.id}"`;
  return {
    status: 403,
    problem: problem('forbidden', detail, { permission, resource }),
    headers: { 'www-authenticate': challenge(realm, { error: 'insufficient_scope', error_description: detail }) },
  };
}

/** The keys or the decision could not be fetched: fail closed, but say it is not the caller's fault. */
export function unavailable(detail: string): Refusal {
  return { status: 503, problem: problem('unavailable', detail), headers: { 'retry-after': '1' } };
}
