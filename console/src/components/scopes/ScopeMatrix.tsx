import { useMemo } from 'react';
import { ErrorMessage } from '../ErrorMessage';
import { Pager, type Paged } from '../Paginated';
import type { Role } from '../../api';
import { allowedThrough } from './roles';

/** A scope as GET /v1/scopes answers it. */
export interface Scope {
  readonly name: string;
  readonly description: string | null;
  readonly roles: readonly { readonly id: string; readonly name: string }[];
}

/** Beyond this many role columns the matrix likely scrolls sideways at desktop width. */
const WIDE_MATRIX = 6;

/** The roles × scopes matrix: one row per scope (a page at a time), one column per role; ✓ where the role is allowed the scope. */
export function ScopeMatrix({
  scopes,
  roles,
  allRoles,
  onRemove,
  removing = false,
}: {
  scopes: Paged<Scope>;
  roles: readonly Role[];
  allRoles: readonly Role[];
  /** Stops allowing the role the scope (only where it is allowed directly, not through an included role). */
  onRemove?: (scope: Scope, role: Role) => void;
  removing?: boolean;
}) {
  const byId = useMemo(() => new Map(allRoles.map((r) => [r.id, r])), [allRoles]);
  const caption = 'Roles allowed each scope';
  return (
    <div className="paginated scope-matrix-area" aria-busy={scopes.loading}>
      <ErrorMessage error={scopes.error} />
      {scopes.error === null && !scopes.loading && scopes.items.length === 0 ? (
        <p className="empty">No scope matches.</p>
      ) : null}
      {scopes.items.length > 0 && roles.length > WIDE_MATRIX ? (
        <p className="hint">
          Scroll the table sideways for more roles (focus it, then use the arrow keys), or filter by one role.
        </p>
      ) : null}
      {scopes.items.length > 0 ? (
        // A keyboard scrolls the matrix once it has focus (arrow keys), so the region takes focus.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll region must be reachable by keyboard (axe: scrollable-region-focusable)
        <div className="table-scroll scope-matrix-scroll" role="region" aria-label="Roles and scopes" tabIndex={0}>
          <table className="scope-matrix">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="corner">
                  Scope
                </th>
                {roles.map((role) => (
                  <th scope="col" key={role.id}>
                    {role.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scopes.items.map((scope) => {
                const allowed = new Set(scope.roles.map((r) => r.id));
                return (
                  <tr key={scope.name}>
                    <th scope="row" data-label="Scope">
                      <code>{scope.name}</code>
                      {scope.description === null ? null : (
                        <span className="hint scope-description">{scope.description}</span>
                      )}
                    </th>
                    {roles.map((role) => {
                      const through = allowedThrough(role, allowed, byId);
                      if (through === null) {
                        return (
                          <td key={role.id} data-label={role.name} className="not-allowed">
                            <span aria-hidden="true">–</span>
                            <span className="visually-hidden">not allowed</span>
                          </td>
                        );
                      }
                      return (
                        <td key={role.id} data-label={role.name} className="allowed">
                          <span aria-hidden="true">✓</span>
                          <span className="visually-hidden">allowed</span>
                          {through === 'direct' ? null : <span className="through"> through {through}</span>}
                          {through === 'direct' && onRemove !== undefined ? (
                            <button
                              type="button"
                              className="scope-remove"
                              disabled={removing}
                              aria-label={`Remove scope ${scope.name} from ${role.name}`}
                              title={`Stop allowing ${role.name} the scope ${scope.name}`}
                              onClick={() => onRemove(scope, role)}
                            >
                              Remove
                            </button>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {scopes.loading && scopes.items.length === 0 ? <p className="loading">Loading…</p> : null}
      <Pager paged={scopes as Paged<unknown>} label="scopes" />
    </div>
  );
}
