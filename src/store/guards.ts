import type { AccessEngine } from '../core/engine.js';
import type { Change } from '../core/changes.js';
import { TesseraError } from '../core/errors.js';
import { readOnlyStoreViolations } from '../core/read-only-stores.js';
import type { ExpectedVersion } from './store.js';

/** Fails with `CONFLICT` when an entity's version is not the one the write was made against. */
export function checkVersions(
  expected: readonly ExpectedVersion[],
  current: (e: ExpectedVersion) => number | undefined,
): void {
  for (const expectation of expected) {
    const actual = current(expectation) ?? null;
    if (actual !== expectation.version) {
      throw new TesseraError(
        'CONFLICT',
        `${expectation.kind} "${expectation.key}" is at version ${actual ?? 'none'}, not ${expectation.version ?? 'none'}`,
        {
          kind: expectation.kind,
          key: expectation.key,
          expected: expectation.version,
          actual,
        },
      );
    }
  }
}

/**
 * Users, groups, their memberships and roles of a read-only user store are managed by that store:
 * only its synchronisation may change them. The gate judges this on every write
 * (`src/core/read-only-stores.ts`); this throws the first violation, for callers outside a write.
 */
export function checkReadOnlyStores(engine: AccessEngine, changes: readonly Change[]): void {
  const [first] = readOnlyStoreViolations(engine, changes);
  if (first !== undefined) throw new TesseraError(first.code, first.message, first.details);
}
