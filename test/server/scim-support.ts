import assert from 'node:assert/strict';
import type { Response } from './harness.js';

export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM error body (RFC 7644 §3.12) with the given status, and `scimType` when one is named. */
export function assertScimError(response: Response, status: number, scimType?: string): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.match(response.contentType, /^application\/scim\+json/);
  assert.deepEqual(response.body.schemas, [SCIM_ERROR]);
  assert.equal(response.body.status, String(status));
  assert.equal(typeof response.body.detail, 'string');
  if (scimType !== undefined) assert.equal(response.body.scimType, scimType);
}
