import { TesseraError } from '../core/errors.js';
import type { Store } from '../store/store.js';

/** The preset a database holds: the one its first start loaded, as the audit log recorded it; null when none was. */
export async function recordedPreset(store: Store): Promise<string | null> {
  const loaded = await store.database
    .selectFrom('audit_log')
    .select('target')
    .where('action', '=', 'preset.load')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return loaded?.target?.replace(/^preset:/, '') ?? null;
}

/**
 * A preset asked for explicitly (`--preset`, `TESSERA_PRESET`) must be the one the database holds: a
 * preset is loaded into an empty database only, so another one would be ignored silently.
 */
export async function requireRecordedPreset(store: Store, asked: string): Promise<void> {
  const held = await recordedPreset(store);
  if (held === null || held === asked) return;
  throw new TesseraError(
    'INVALID',
    `the database holds the "${held}" preset, not "${asked}": a preset is loaded into an empty database only; drop --preset (and TESSERA_PRESET) or use another database`,
    { preset: held, asked },
  );
}
