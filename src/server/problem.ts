import { ERROR_CODES, type ErrorCode, TesseraError } from '../core/errors.js';
import { typedDatabaseError } from '../store/errors.js';

/** Every problem type's URI starts with this; the rest is a stable slug (`not-found`, `forbidden`). */
export const PROBLEM_BASE = 'https://tessera.dev/problems/';

/** The HTTP status of each core error code. */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  DUPLICATE: 409,
  INVALID: 400,
  REFERENCED: 409,
  USER_ID_REUSED: 409,
  ROLE_CYCLE: 422,
  ROLE_NOT_USABLE_HERE: 422,
  PRIVILEGE_ESCALATION: 403,
  LAST_ADMIN: 409,
  ROLE_DEPRECATED: 422,
  ROLE_NOT_ASSIGNABLE: 422,
  PREDEFINED_ROLE: 409,
  ROLE_NOT_EDITABLE: 409,
  PERMISSION_RESERVED: 409,
  SOD_CONFLICT: 409,
  SELF_GRANT_NOT_ALLOWED: 403,
  PERMISSION_REQUIRED: 403,
  LAST_RESOURCE_ADMIN: 409,
  READ_ONLY_STORE: 409,
  PROVISIONING_SCOPE: 403,
  USER_DISABLED: 403,
  STALE_REVISION: 409,
  CONFLICT: 412,
  REVISION_TIMEOUT: 503,
  MIGRATION_FAILED: 500,
  UNAVAILABLE: 503,
  LOCK_TIMEOUT: 503,
};

/** Problems of the HTTP layer itself, beside the core's error codes. */
export const HTTP_PROBLEMS = {
  validation: { status: 400, title: 'the request does not match the schema' },
  'bad-request': { status: 400, title: 'the request is malformed' },
  'unknown-permission': { status: 400, title: 'the permission is not in the permission tree' },
  unauthorized: { status: 401, title: 'sign in or send a valid bearer token' },
  'invalid-credentials': { status: 401, title: 'the username or password is wrong' },
  forbidden: { status: 403, title: 'the caller lacks the permission this operation requires' },
  csrf: { status: 403, title: 'a request signed in by cookie must carry the X-CSRF-Token header' },
  'route-not-found': { status: 404, title: 'no such endpoint' },
  'method-not-allowed': { status: 405, title: 'the endpoint does not take this method' },
  'precondition-failed': { status: 412, title: 'the resource changed since the version the request was made against' },
  'payload-too-large': { status: 413, title: 'the request body is too large' },
  'unsupported-media-type': { status: 415, title: 'send application/json' },
  'header-too-large': { status: 431, title: 'the request headers are too large' },
  'too-many-requests': { status: 429, title: 'too many failed attempts; wait before trying again' },
  'no-administrator-role': { status: 409, title: 'the resource type has no administrator role' },
  'invitation-invalid': { status: 410, title: 'the invitation was accepted, revoked or has expired' },
  'self-approval': {
    status: 403,
    title: 'a request cannot be approved or rejected by its own requester (maker/checker)',
  },
  'approval-decided': { status: 409, title: 'the request was approved or rejected already' },
  'approval-target-gone': { status: 409, title: 'what the request was about no longer exists' },
  'sign-in-not-permitted': { status: 403, title: 'the account may not sign in: it lacks the sign-in permission' },
  'two-factor-invalid': { status: 401, title: 'the second-factor code is wrong' },
  'two-factor-code-reused': { status: 401, title: 'this one-time code was used already; wait for the next one' },
  'two-factor-challenge-invalid': {
    status: 401,
    title: 'the sign-in challenge is unknown, used or expired; sign in again',
  },
  'two-factor-enrolment-required': {
    status: 403,
    title: 'a second factor is required: enrol one with the sign-in challenge first',
  },
  'two-factor-state': { status: 409, title: 'the second factor is not in the state this operation needs' },
  'elevation-decided': { status: 409, title: 'the elevation request was already approved or rejected' },
  'link-invalid': { status: 410, title: 'the link is unknown, was used already or has expired' },
  'sign-up-closed': { status: 403, title: 'the organization does not allow self sign-up' },
  'mail-refused': { status: 502, title: 'the mail server refused the message' },
  'console-not-built': { status: 503, title: 'the web console has not been built' },
  'directory-unavailable': { status: 503, title: "the user store's directory cannot be reached" },
  'directory-credentials': { status: 422, title: "the directory refused the user store's bind DN and secret" },
  'directory-invalid': { status: 422, title: "the directory refused the user store's base DN or filter" },
  'directory-no-match': { status: 422, title: "the user store's user filter matches no user in the directory" },
  'directory-refused': {
    status: 409,
    title: "the user store's directory refused the change: nothing was changed in Tessera",
  },
  'directory-secret': {
    status: 409,
    title: "the stored bind secret cannot be decrypted with this server's secret key",
  },
  internal: { status: 500, title: 'an internal error occurred' },
} as const satisfies Record<string, { status: number; title: string }>;

export type HttpProblemType = keyof typeof HTTP_PROBLEMS;

/** The slug of a core error code: `PRIVILEGE_ESCALATION` → `privilege-escalation`. */
export function slugOf(code: ErrorCode): string {
  return code.toLowerCase().replaceAll('_', '-');
}

/** An RFC 9457 problem document. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** A failure the HTTP layer answers as problem+json; thrown from handlers and hooks. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(type: HttpProblemType, detail?: string, extensions: Readonly<Record<string, unknown>> = {}) {
    const spec = HTTP_PROBLEMS[type];
    super(detail ?? spec.title);
    this.status = spec.status;
    this.type = PROBLEM_BASE + type;
    this.title = spec.title;
    this.extensions = extensions;
  }
}

/**
 * The problem document for any error a handler raised; unknown errors become `internal`, without
 * details. A database error raised outside the store (a query of the server's own tables while
 * the database is down) becomes `unavailable` or `lock-timeout` as the store's would. A
 * `retryAfter` detail (seconds) is also a top-level member, which the server sends as `Retry-After`.
 */
export function problemOf(error: unknown): ProblemDocument {
  const typed = typedDatabaseError(error);
  if (typed !== undefined) return problemOf(typed);
  if (error instanceof HttpProblem) {
    return { type: error.type, title: error.title, status: error.status, detail: error.message, ...error.extensions };
  }
  if (error instanceof TesseraError) {
    // Field errors (`{ in, path, message }`) a handler attached are answered as a validation problem's are.
    const { errors, ...details } = error.details;
    return {
      type: PROBLEM_BASE + slugOf(error.code),
      title: ERROR_CODES[error.code],
      status: STATUS[error.code],
      detail: error.message,
      code: error.code,
      ...(Object.keys(details).length > 0 ? { details } : {}),
      ...(Array.isArray(errors) ? { errors } : {}),
      ...(typeof details.retryAfter === 'number' ? { retryAfter: details.retryAfter } : {}),
    };
  }
  const spec = HTTP_PROBLEMS.internal;
  return {
    type: `${PROBLEM_BASE}internal`,
    title: spec.title,
    status: spec.status,
    detail: 'the server failed to answer; the error was logged',
  };
}

/** Every problem type the API can answer, for the OpenAPI document and `/problems`. */
export function problemCatalogue(): { type: string; status: number; title: string }[] {
  return [
    ...Object.entries(HTTP_PROBLEMS).map(([slug, spec]) => ({
      type: PROBLEM_BASE + slug,
      status: spec.status,
      title: spec.title,
    })),
    ...(Object.keys(STATUS) as ErrorCode[]).map((code) => ({
      type: PROBLEM_BASE + slugOf(code),
      status: STATUS[code],
      title: ERROR_CODES[code],
    })),
  ];
}
