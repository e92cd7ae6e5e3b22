import { type FocusEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  ALL_PERMISSIONS,
  type PermissionNode,
  type PermissionTree,
  type TickState,
  setTicked,
  tickState,
  visibleKeys,
} from './permissionTree';
import { type VisibleItem, treeMove, visibleItems } from './treeKeys';

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
 * shows as indeterminate, and a search box narrows the tree. Branches fold with buttons. From the
 * keyboard it is one WAI-ARIA tree (a single tab stop): arrows move and fold, Home and End jump,
 * Space ticks.
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
  const [active, setActive] = useState(ALL_PERMISSIONS);
  const items = useRef(new Map<string, HTMLLIElement>());
  const tickedCount = ticked.size;
  const total = tree.root.leaves.length;

  const toggleBranch = (key: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  // A search unfolds what it found.
  const isOpen = (node: PermissionNode) => node.children.length > 0 && (shown !== null || expanded.has(node.key));
  const visible = visibleItems(tree.root, (key) => shown === null || shown.has(key), isOpen);
  // The one item in the tab order: the last focused, or the first shown when a search hid it.
  const current = visible.some((item) => item.key === active) ? active : (visible[0]?.key ?? ALL_PERMISSIONS);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const item = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    const key = item?.dataset.key;
    if (key === undefined) return;
    // Space on the checkbox itself is the checkbox's own.
    if (event.key === ' ' && event.target !== item) return;
    const move = treeMove(visible, key, event.key, shown === null);
    if (move === null) return;
    event.preventDefault();
    event.stopPropagation();
    if (move.kind === 'focus') {
      setActive(move.key);
      items.current.get(move.key)?.focus();
    } else if (move.kind === 'unfold' || move.kind === 'fold') {
      setExpanded((open) => {
        const next = new Set(open);
        if (move.kind === 'unfold') next.add(move.key);
        else next.delete(move.key);
        return next;
      });
    } else if (!readOnly) {
      const node = tree.byKey.get(move.key);
      if (node !== undefined) onChange(setTicked(ticked, node, tickState(node, ticked) !== 'checked'));
    }
  };
  const onFocus = (event: FocusEvent<HTMLUListElement>) => {
    const key = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]')?.dataset.key;
    if (key !== undefined && key !== active) setActive(key);
  };

  // One flat list of rows, each with its level: an item's name (from its content) is its own row's text only.
  const renderItem = (item: VisibleItem) => {
    const node = tree.byKey.get(item.key);
    if (node === undefined) return null;
    const descriptionId = `${id}-${node.key}-description`;
    const isRoot = node.key === ALL_PERMISSIONS;
    const state = tickState(node, ticked);
    return (
      <li
        key={node.key}
        role="treeitem"
        className="permission-item"
        data-key={node.key}
        aria-level={item.level}
        aria-posinset={item.position}
        aria-setsize={item.setSize}
        aria-checked={state === 'partial' ? 'mixed' : state === 'checked'}
        aria-expanded={item.branch ? item.open : undefined}
        tabIndex={node.key === current ? 0 : -1}
        ref={(element) => {
          if (element === null) items.current.delete(node.key);
          else items.current.set(node.key, element);
        }}
      >
        <div className="permission-row">
          {item.branch ? (
            <button
              type="button"
              className="permission-fold"
              // For the mouse: the tree item itself is folded from the keyboard and says whether it is open.
              aria-hidden="true"
              title={`${item.open ? 'Fold' : 'Unfold'} ${isRoot ? 'all permissions' : node.key}`}
              disabled={shown !== null}
              tabIndex={-1}
              onClick={() => toggleBranch(node.key)}
            >
              {item.open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="permission-fold-space" aria-hidden="true" />
          )}
          <label className="permission-check">
            <TriStateCheckbox
              state={state}
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
      <p className="hint" id={`${id}-keys`}>
        In the tree: arrow keys move and fold, Home and End jump, Space ticks.
      </p>
      {/* Key presses bubble here from the items: the tree handles them as one widget. */}
      <ul
        className="permission-list"
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows a list to be a tree
        role="tree"
        aria-label={legend}
        aria-describedby={`${id}-keys`}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        {visible.map(renderItem)}
      </ul>
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
      // The tree item is the tab stop; the checkbox still takes clicks.
      tabIndex={-1}
      {...(describedBy === undefined ? {} : { 'aria-describedby': describedBy })}
    />
  );
}
