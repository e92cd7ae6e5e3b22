import { readFileSync } from 'node:fs';
import { AccessEngine } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import {
  type PlanReport,
  type PresetResolver,
  InvalidDocumentError,
  applyDocument,
  parseText,
} from '../document/index.js';

/** The presets Tessera ships; `choreo` is the default. */
export const PRESETS = ['choreo', 'wso2-apim', 'akana'] as const;
export type PresetName = (typeof PRESETS)[number];
export const DEFAULT_PRESET: PresetName = 'choreo';

const directory = new URL('../../presets/', import.meta.url);

/**
 * Each preset as parsed, by name: the files ship with Tessera and do not change while it runs, and
 * a first start reads the same preset more than once (the check that it exists, its plan).
 */
const parsedPresets = new Map<string, unknown>();

/** Every document under `presets/`, by name (the platform presets and the base they share). */
export const presetResolver: PresetResolver = (name) => {
  if (!/^[a-z0-9-]+$/.test(name)) return undefined;
  let value = parsedPresets.get(name);
  if (value === undefined) {
    let text: string;
    try {
      text = readFileSync(new URL(`${name}.yaml`, directory), 'utf8');
    } catch {
      return undefined;
    }
    const parsed = parseText(text);
    if (parsed.errors.length > 0) throw new InvalidDocumentError(parsed.errors, `presets/${name}.yaml`);
    value = parsed.value;
    parsedPresets.set(name, value);
  }
  // A copy: what a caller does with its document never reaches the next one's.
  return structuredClone(value);
};

/** A new engine holding a preset and then each given document (text or parsed). */
export function engineFromPreset(
  preset: string,
  ...documents: unknown[]
): { engine: AccessEngine; reports: PlanReport[] } {
  if (presetResolver(preset) === undefined) {
    throw new TesseraError('NOT_FOUND', `unknown preset "${preset}" (known: ${PRESETS.join(', ')})`, {
      entity: 'preset',
      id: preset,
    });
  }
  const engine = new AccessEngine();
  const reports = [applyDocument(engine, { preset }, { presets: presetResolver, source: `preset ${preset}` })];
  for (const document of documents) reports.push(applyDocument(engine, document, { presets: presetResolver }));
  return { engine, reports };
}
