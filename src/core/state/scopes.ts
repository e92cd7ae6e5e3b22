/** Scopes: named sets of roles, plain records outside the decision index. */
import type { Scope } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, notFound, requireName } from './shared.js';

export function putScope(state: ModelState, scope: Scope, undo: Undo[]): void {
  requireName(scope.name, 'scope name');
  for (const role of scope.roles) if (!state.roles.has(role)) throw notFound('role', role);
  const previous = state.scopes.get(scope.name);
  const record: Scope = { ...scope, roles: [...new Set(scope.roles)] };
  state.scopes.set(scope.name, record);
  state.effects?.push({ kind: 'scope', key: record.name, record, previous: previous ?? null });
  undo.push(() => (previous === undefined ? state.scopes.delete(scope.name) : state.scopes.set(scope.name, previous)));
}

export function deleteScope(state: ModelState, name: string, undo: Undo[]): void {
  const scope = state.scopes.get(name);
  if (scope === undefined) throw notFound('scope', name);
  state.scopes.delete(name);
  state.effects?.push({ kind: 'scope', key: name, record: null, previous: scope });
  undo.push(() => state.scopes.set(name, scope));
}
