import { AccessEngine, type TargetRef } from '../src/core/index.js';
import { applyDocument } from '../src/document/index.js';
import { presetResolver } from '../src/presets/index.js';

/** A fresh engine holding the given YAML documents, applied in order. */
export function engineWith(...documents: string[]): AccessEngine {
  const engine = new AccessEngine();
  for (const document of documents) applyDocument(engine, document, { presets: presetResolver });
  return engine;
}

/** `acme/engineering` → project, `acme` → organization, `api:acme/engineering/pizza` → that API. */
export function target(path: string): TargetRef {
  const colon = path.indexOf(':');
  if (colon > 0) return { type: path.slice(0, colon), id: path.slice(colon + 1) };
  return path.includes('/') ? { type: 'project', id: path } : { type: 'organization', id: path };
}

export function can(engine: AccessEngine, user: string | null, permission: string, where: string): boolean {
  return engine.check({ user, permission, resource: target(where) }).allowed;
}

/** A small permission tree for the rule tests: `api` (with a resource-only and a gated child) and `project`. */
export const TREE = `
permissions:
  - { key: api }
  - { key: api:read, visibilityGated: true }
  - { key: api:publish }
  - { key: api:analytics }
  - { key: api:admins, levels: [resource] }
  - { key: project }
  - { key: project:edit, levels: [organization, project] }
  - { key: resource }
  - { key: resource:view-private, levels: [organization, project] }
`;
