/** What every entity module of the state shares: the undo log's step type and the integrity errors. */
import type { Change } from '../changes.js';
import { TesseraError } from '../errors.js';
import type { OrganizationTree } from '../role-availability.js';
import type { ModelState } from '../state.js';

/**
 * How to take back one applied step: a closure, or — for steps that only created something — the
 * change itself, which costs no allocation in large batches.
 */
export type Undo = (() => void) | Change;

export function invalid(message: string, details?: Record<string, unknown>): TesseraError {
  return new TesseraError('INVALID', message, details);
}
export function notFound(what: string, id: string): TesseraError {
  return new TesseraError('NOT_FOUND', `${what} "${id}" does not exist`, { entity: what, id });
}
export function duplicate(what: string, name: string): TesseraError {
  return new TesseraError('DUPLICATE', `${what} "${name}" already exists`, { entity: what, name });
}
export function referenced(what: string, id: string, by: string): TesseraError {
  return new TesseraError('REFERENCED', `${what} "${id}" is still referenced by ${by}`, { entity: what, id, by });
}

export function requireName(name: string, what: string): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 256) {
    throw invalid(`${what} must be a non-empty string of at most 256 characters`);
  }
}

export function removeValue(values: number[], value: number): void {
  const at = values.indexOf(value);
  if (at >= 0) values.splice(at, 1);
}

/** The state's organizations as the role-availability rule walks them. */
export function stateTree(state: ModelState): OrganizationTree {
  return {
    parentOf: (id) => state.organizations.get(id)?.parent,
    nameOf: (id) => state.organizations.get(id)?.name,
  };
}
