import type { FastifyBaseLogger } from 'fastify';
import { TesseraError } from '../core/errors.js';
import { SYSTEM_ACTOR } from '../core/gate.js';
import type { RoleMapping } from '../core/model.js';
import type { Store } from '../store/index.js';

/** How often the server looks for expired mappings, unless `TESSERA_EXPIRY_SWEEP_SECONDS` says otherwise (0: never). */
export const DEFAULT_EXPIRY_SWEEP_SECONDS = 30;

export function expirySweepSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.TESSERA_EXPIRY_SWEEP_SECONDS;
  if (value === undefined || value === '') return DEFAULT_EXPIRY_SWEEP_SECONDS;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_EXPIRY_SWEEP_SECONDS;
}

/**
 * Removes every mapping whose `expiresAt` has passed at `now`, one audited write each (action
 * `mapping.expired`, actor the system), and answers the ids removed. The decision stopped counting
 * the mapping at `expiresAt` already (the engine compares times itself); the sweep records the
 * expiry in the audit log, once — a mapping another server swept meanwhile is gone, and skipped —
 * and frees the role, subject and target for a new grant.
 */
export async function sweepExpiredMappings(
  store: Store,
  now: number,
  log?: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): Promise<string[]> {
  const expired = store.engine
    .timedMappings()
    .filter((m): m is RoleMapping & { expiresAt: string } => typeof m.expiresAt === 'string')
    .filter((m) => Date.parse(m.expiresAt) <= now);
  const swept: string[] = [];
  for (const mapping of expired) {
    try {
      await store.write([{ op: 'mapping.remove', id: mapping.id }], {
        actor: SYSTEM_ACTOR,
        audit: { actor: null, actorName: 'system', action: 'mapping.expired', target: `mapping:${mapping.id}` },
      });
      swept.push(mapping.id);
      log?.info({ mapping: mapping.id, expiresAt: mapping.expiresAt }, 'expired role mapping removed');
    } catch (error) {
      if (error instanceof TesseraError && error.code === 'NOT_FOUND') continue;
      log?.warn({ err: error, mapping: mapping.id }, 'could not record an expired role mapping; retrying next sweep');
    }
  }
  return swept;
}

/** Sweeps every `seconds` while the server runs (not at all for 0); the timer does not keep the process alive. */
export function scheduleExpirySweeps(
  store: Store,
  seconds: number,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>,
): () => void {
  if (seconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void sweepExpiredMappings(store, Date.now(), log).finally(() => {
      running = false;
    });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
