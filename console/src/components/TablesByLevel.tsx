import { type Column, ColumnsTable } from './Paginated';

/** Mapping levels from the widest down; any other level (a resource type) comes after them. */
const LEVEL_ORDER = ['organization', 'project', 'resource'];

/** Items grouped by level, widest level first. */
function byLevel<T>(items: readonly T[], levelOf: (item: T) => string): readonly [string, readonly T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const level = levelOf(item);
    groups.set(level, [...(groups.get(level) ?? []), item]);
  }
  const rank = (level: string) => {
    const index = LEVEL_ORDER.indexOf(level);
    return index === -1 ? LEVEL_ORDER.length : index;
  };
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** "organization" → "Organization level". */
const levelHeading = (level: string): string => `${level[0]?.toUpperCase() ?? ''}${level.slice(1)} level`;

interface TablesByLevelProps<T> {
  readonly items: readonly T[];
  readonly levelOf: (item: T) => string;
  readonly rowKey: (item: T) => string;
  readonly columns: readonly Column<T>[];
}

/** Role mappings (or anything placed at a level), one table per level, widest first. */
export function TablesByLevel<T>({ items, levelOf, rowKey, columns }: TablesByLevelProps<T>) {
  return byLevel(items, levelOf).map(([level, rows]) => (
    <ColumnsTable key={level} items={rows} caption={levelHeading(level)} columns={columns} rowKey={rowKey} />
  ));
}
