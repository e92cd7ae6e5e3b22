import { type Filter, filter as compileFilter, parse as parseFilter } from 'scim2-parse-filter';

/**
 * SCIM 2.0 protocol pieces (RFC 7643, RFC 7644): schema URNs, error bodies, the discovery
 * documents, filters and list responses. Errors here are the one place Tessera answers without
 * problem+json: RFC 7644 §3.12 fixes the error body.
 */

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const SCIM_PREFIX = '/scim/v2';

/** The `scimType` values of RFC 7644 §3.12. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** A failure answered as a SCIM error body. */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.status = status;
    this.scimType = scimType;
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType): Record<string, unknown> {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType === undefined ? {} : { scimType }), detail };
}

/** Attributes whose values compare exactly; every other string compares ignoring case (RFC 7643 §2.2: caseExact false). */
const CASE_EXACT = new Set(['id', 'externalid']);

/** Parses a filter (`userName eq "alice"`, `emails[type eq "work"]`, `and`/`or`, …) into a predicate on SCIM resources. */
export function compile(text: string): (resource: Record<string, unknown>) => boolean {
  let ast: Filter;
  try {
    ast = parseFilter(text);
  } catch (error) {
    throw new ScimError(400, `the filter "${text}" is not valid: ${(error as Error).message}`, 'invalidFilter');
  }
  const test = compileFilter(folded(ast, true));
  return (resource) => test(foldResource(resource));
}

function folded(node: Filter, top: boolean): Filter {
  switch (node.op) {
    case 'and':
    case 'or':
      return { ...node, filters: node.filters.map((f) => folded(f, top)) };
    case 'not':
      return { ...node, filter: folded(node.filter, top) };
    case '[]':
      return { ...node, valFilter: folded(node.valFilter, false) };
    case 'pr':
      return node;
    default:
      if (typeof node.compValue !== 'string' || (top && CASE_EXACT.has(node.attrPath.toLowerCase()))) return node;
      return { ...node, compValue: node.compValue.toLowerCase() };
  }
}

/** A copy of the resource with its strings in lower case, but for the case-exact top-level attributes. */
function foldResource(resource: Record<string, unknown>): Record<string, unknown> {
  const fold = (value: unknown): unknown => {
    if (typeof value === 'string') return value.toLowerCase();
    if (Array.isArray(value)) return value.map(fold);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fold(v)]));
    return value;
  };
  return Object.fromEntries(
    Object.entries(resource).map(([k, v]) => [k, CASE_EXACT.has(k.toLowerCase()) ? v : fold(v)]),
  );
}

export interface ListQuery {
  readonly filter?: string;
  readonly startIndex?: string;
  readonly count?: string;
  readonly attributes?: string;
  readonly excludedAttributes?: string;
}

/** The largest page a list answers (ServiceProviderConfig `filter.maxResults`). */
export const MAX_RESULTS = 500;
const DEFAULT_COUNT = 100;

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^-?\d+$/.test(text)) throw new ScimError(400, `${name} must be an integer`, 'invalidValue');
  return Number(text);
}

/**
 * A ListResponse (RFC 7644 §3.4.2): filtered, then paged by `startIndex` (1-based; less than 1 is 1)
 * and `count` (0 answers only totalResults; capped at MAX_RESULTS).
 */
export function listResponse(resources: readonly Record<string, unknown>[], query: ListQuery): Record<string, unknown> {
  const startIndex = Math.max(1, integer(query.startIndex, 'startIndex') ?? 1);
  const count = Math.min(MAX_RESULTS, Math.max(0, integer(query.count, 'count') ?? DEFAULT_COUNT));
  const matching =
    query.filter === undefined || query.filter.trim() === '' ? resources : resources.filter(compile(query.filter));
  const page = matching.slice(startIndex - 1, startIndex - 1 + count).map((r) => project(r, query));
  return {
    schemas: [LIST_SCHEMA],
    totalResults: matching.length,
    startIndex,
    itemsPerPage: page.length,
    Resources: page,
  };
}

/** Keeps the requested top-level attributes (`attributes`), or drops the excluded ones; id, schemas and meta always stay. */
export function project(resource: Record<string, unknown>, query: ListQuery): Record<string, unknown> {
  const names = (text: string | undefined) =>
    text === undefined || text.trim() === ''
      ? undefined
      : new Set(
          text.split(',').map((a) =>
            a
              .trim()
              .split('.')[0]!
              .replace(/^urn:.*:/, '')
              .toLowerCase(),
          ),
        );
  const only = names(query.attributes);
  const excluded = names(query.excludedAttributes);
  if (only === undefined && excluded === undefined) return resource;
  const always = new Set(['id', 'schemas', 'meta']);
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => {
      const k = key.toLowerCase();
      if (always.has(k)) return true;
      if (only !== undefined) return only.has(k);
      return !excluded!.has(k);
    }),
  );
}

/** `W/"<model version>-<SCIM revision>"`; If-Match compares it weakly (RFC 7644 §3.14). */
export function formatVersion(modelVersion: number, scimRevision: number): string {
  return `W/"${modelVersion}-${scimRevision}"`;
}

/** Whether an If-Match header names the current version (or is `*`); a missing header matches. */
export function ifMatches(header: string | string[] | undefined, current: string): boolean {
  if (header === undefined) return true;
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.trim() === '*') return true;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = strip(current);
  return text.split(',').some((tag) => strip(tag) === wanted);
}

// ── discovery (RFC 7644 §4) ──

export function serviceProviderConfig(
  base: string,
  bulk: { readonly maxOperations: number; readonly maxPayloadSize: number },
): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${base}/docs/guide/scim`,
    patch: { supported: true },
    bulk: { supported: true, maxOperations: bulk.maxOperations, maxPayloadSize: bulk.maxPayloadSize },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A SCIM provisioning token (tscim_…) an administrator created over /v1/scim-tokens.',
        primary: true,
      },
      {
        type: 'oauthbearertoken',
        name: 'Personal access token (/Me only)',
        description: "A user's personal access token (tpat_…) or session token (tss_…): /Me answers for that user.",
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}${SCIM_PREFIX}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string): Record<string, unknown>[] {
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A Tessera user, in the user store of the token',
      schema: USER_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}${SCIM_PREFIX}/ResourceTypes/User` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group of the organization of the token',
      schema: GROUP_SCHEMA,
      meta: { resourceType: 'ResourceType', location: `${base}${SCIM_PREFIX}/ResourceTypes/Group` },
    },
  ];
}

function attribute(
  name: string,
  type: string,
  extra: Record<string, unknown> = {},
  subAttributes?: Record<string, unknown>[],
): Record<string, unknown> {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...(subAttributes === undefined ? {} : { subAttributes }),
    ...extra,
  };
}

export function schemas(base: string): Record<string, unknown>[] {
  const multi = (name: string, subs: Record<string, unknown>[], extra: Record<string, unknown> = {}) =>
    attribute(name, 'complex', { multiValued: true, ...extra }, subs);
  return [
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: USER_SCHEMA,
      name: 'User',
      description: 'User Account',
      attributes: [
        attribute('userName', 'string', { required: true, uniqueness: 'server' }),
        attribute('name', 'complex', {}, [
          attribute('formatted', 'string'),
          attribute('familyName', 'string'),
          attribute('givenName', 'string'),
        ]),
        attribute('displayName', 'string'),
        attribute('active', 'boolean'),
        multi('emails', [attribute('value', 'string'), attribute('type', 'string'), attribute('primary', 'boolean')]),
        multi(
          'groups',
          [
            attribute('value', 'string', { mutability: 'readOnly' }),
            attribute('display', 'string', { mutability: 'readOnly' }),
          ],
          { mutability: 'readOnly' },
        ),
      ],
      meta: { resourceType: 'Schema', location: `${base}${SCIM_PREFIX}/Schemas/${USER_SCHEMA}` },
    },
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: GROUP_SCHEMA,
      name: 'Group',
      description: 'Group',
      attributes: [
        attribute('displayName', 'string', { required: true, uniqueness: 'server' }),
        multi('members', [
          attribute('value', 'string', { mutability: 'immutable' }),
          attribute('display', 'string', { mutability: 'readOnly' }),
          attribute('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User'] }),
        ]),
      ],
      meta: { resourceType: 'Schema', location: `${base}${SCIM_PREFIX}/Schemas/${GROUP_SCHEMA}` },
    },
  ];
}
