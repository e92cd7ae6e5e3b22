import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  ALL_PERMISSIONS,
  type PermissionNode,
  type PermissionTree,
  type TickState,
  setTicked,
  tickState,
  visibleKeys,
} from './permissionTree';

interface PermissionTreeFieldProps {
  readonly tree: PermissionTree;
  readonly ticked: ReadonlySet<string>;
  readonly onChange: (ticked: Set<string>) => void;
  readonly legend: string;
  /** Shown instead of editing (a role whose permissions cannot change). */
  readonly readOnly?: boolean;
}

/**
 * The permission tree as real checkboxes: ticking a node ticks its subtree, a partly ticked node
 * shows as indeterminate, and a search box narrows the tree. Branches fold with buttons.
 */
export function PermissionTreeField({ tree, ticked, onChange, legend, readOnly = false }: PermissionTreeFieldProps) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([ALL_PERMISSIONS]));
  const shown = useMemo(() => visibleKeys(tree, search), [tree, search]);
  const branches = useMemo(
    () => [...tree.byKey.values()].filter((n) => n.children.length > 0).map((n) => n.key),
    [tree],
  );
  const tickedCount = ticked.size;
  const total = tree.root.leaves.length;

  const toggleBranch = (key: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const renderNode = (node: PermissionNode) => {
    if (shown !== null && !shown.has(node.key)) return null;
    // A search unfolds what it found.
    const open = node.children.length > 0 && (shown !== null || expanded.has(node.key));
    const descriptionId = `${id}-${node.key}-description`;
    const childrenId = `${id}-${node.key}-children`;
    const isRoot = node.key === ALL_PERMISSIONS;
    return (
      <li key={node.key}>
        <div className="permission-row">
          {node.children.length > 0 ? (
            <button
              type="button"
              className="permission-fold"
              aria-expanded={open}
              aria-controls={childrenId}
              aria-label={`${open ? 'Fold' : 'Unfold'} ${isRoot ? 'all permissions' : node.key}`}
              disabled={shown !== null}
              onClick={() => toggleBranch(node.key)}
            >
              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            </button>
          ) : (
            <span className="permission-fold-space" aria-hidden="true" />
          )}
          <label className="permission-check">
            <TriStateCheckbox
              state={tickState(node, ticked)}
              disabled={readOnly}
              describedBy={node.description === null ? undefined : descriptionId}
              onChange={(on) => onChange(setTicked(ticked, node, on))}
            />
            {isRoot ? <strong>All permissions</strong> : <code>{node.key}</code>}
          </label>
          {node.description === null ? null : (
            <span className="permission-description" id={descriptionId}>
              {node.description}
            </span>
          )}
        </div>
        {open ? (
          <ul id={childrenId} className="permission-children">
            {node.children.map(renderNode)}
          </ul>
        ) : null}
      </li>
    );
  };

  return (
    <fieldset className="permission-tree">
      <legend>{legend}</legend>
      <div className="permission-tools">
        <div className="field">
          <label htmlFor={`${id}-search`}>Search permissions</label>
          <input
            id={`${id}-search`}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="api:create, billing, subscribe…"
          />
        </div>
        <div className="actions">
          <button type="button" onClick={() => setExpanded(new Set(branches))} disabled={shown !== null}>
            Unfold all
          </button>
          <button type="button" onClick={() => setExpanded(new Set([ALL_PERMISSIONS]))} disabled={shown !== null}>
            Fold all
          </button>
        </div>
      </div>
      <p className="hint" aria-live="polite">
        {tickedCount} of {total} permissions ticked.{readOnly ? ' These permissions cannot be edited.' : ''}
      </p>
      {shown !== null && shown.size === 0 ? <p className="empty">No permission matches “{search.trim()}”.</p> : null}
      <ul className="permission-list">{renderNode(tree.root)}</ul>
    </fieldset>
  );
}

/** A native checkbox that can also show "partly ticked" (indeterminate, announced as mixed). */
function TriStateCheckbox({
  state,
  disabled,
  describedBy,
  onChange,
}: {
  state: TickState;
  disabled: boolean;
  describedBy: string | undefined;
  onChange: (on: boolean) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current !== null) input.current.indeterminate = state === 'partial';
  }, [state]);
  return (
    <input
      ref={input}
      type="checkbox"
      checked={state === 'checked'}
      // Ticking a partly ticked node ticks all of it.
      onChange={() => onChange(state !== 'checked')}
      disabled={disabled}
      data-state={state}
      {...(describedBy === undefined ? {} : { 'aria-describedby': describedBy })}
    />
  );
}
