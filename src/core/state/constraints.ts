/** Separation-of-duties constraints: plain policy records outside the decision index (the gate and DSD read them). */
import { CONSTRAINT_KINDS, type SodConstraint } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, duplicate, invalid, notFound, referenced, requireName } from './shared.js';

export function putConstraint(state: ModelState, constraint: SodConstraint, undo: Undo[]): void {
  requireName(constraint.name, 'constraint name');
  if (!CONSTRAINT_KINDS.includes(constraint.kind))
    throw invalid(`constraint kind must be one of ${CONSTRAINT_KINDS.join(', ')}`);
  if (!Array.isArray(constraint.roles) || constraint.roles.length !== 2)
    throw invalid('a constraint names exactly two roles');
  const [a, b] = constraint.roles;
  if (a === b) throw invalid('a constraint names two different roles');
  for (const role of constraint.roles) if (!state.roles.has(role)) throw notFound('role', role);
  if (constraint.organization !== null && !state.organizations.has(constraint.organization))
    throw notFound('organization', constraint.organization);
  for (const other of state.constraints.values()) {
    if (other.id !== constraint.id && other.name === constraint.name && other.organization === constraint.organization)
      throw duplicate('constraint', constraint.name);
  }
  const previous = state.constraints.get(constraint.id);
  const record: SodConstraint = { ...constraint, roles: [a, b] };
  state.constraints.set(record.id, record);
  state.effects?.push({ kind: 'constraint', key: record.id, record, previous: previous ?? null });
  undo.push(() =>
    previous === undefined ? state.constraints.delete(record.id) : state.constraints.set(record.id, previous),
  );
}

export function deleteConstraint(state: ModelState, id: string, undo: Undo[]): void {
  const constraint = state.constraints.get(id);
  if (constraint === undefined) throw notFound('constraint', id);
  state.constraints.delete(id);
  state.effects?.push({ kind: 'constraint', key: id, record: null, previous: constraint });
  undo.push(() => state.constraints.set(id, constraint));
}

/**
 * The constraints that name a role (or sit in an organization): refused without `cascade`,
 * deleted with it, like the role's mappings.
 */
export function dropConstraintsOf(
  state: ModelState,
  what: { readonly role?: string; readonly organization?: string },
  label: string,
  cascade: boolean,
  undo: Undo[],
): void {
  const named = [...state.constraints.values()].filter(
    (c) =>
      (what.role !== undefined && c.roles.includes(what.role)) ||
      (what.organization !== undefined && c.organization === what.organization),
  );
  if (named.length === 0) return;
  if (!cascade) throw referenced(label, what.role ?? what.organization ?? '', 'separation-of-duties constraints');
  for (const constraint of named) deleteConstraint(state, constraint.id, undo);
}
