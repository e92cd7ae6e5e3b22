// Turns an audit effect's before/after records into readable field changes: no raw JSON.

/** One field of a record: its value before and after, as text; null where the field was absent. */
export interface FieldChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
  /** For a list changed in place (members, roles, scopes): only what it gained and lost. */
  readonly list?: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

export interface RecordChange {
  readonly change: 'created' | 'deleted' | 'changed';
  /** For a creation or deletion every field; for a change only those that differ. */
  readonly fields: readonly FieldChange[];
  /** Fields the same before and after (left out of a change). */
  readonly unchanged: number;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function primitiveText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return String(value);
}

/**
 * `{subject: {kind: 'group', id: 'x'}, roles: ['a', 'b']}` → `subject.kind: group`, `subject.id: x`,
 * `roles: a, b`; lists of records are numbered (`effects 1.kind`).
 */
export function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0 && prefix !== '') into.set(prefix, '(none)');
    for (const key of keys) flatten(value[key], prefix === '' ? key : `${prefix}.${key}`, into);
  } else if (Array.isArray(value)) {
    if (value.every((item) => !isPlainObject(item) && !Array.isArray(item)))
      into.set(prefix || 'value', value.length === 0 ? '(none)' : value.map(primitiveText).join(', '));
    else value.forEach((item, index) => flatten(item, `${prefix} ${index + 1}`.trim(), into));
  } else if (prefix !== '' || (value !== null && value !== undefined)) {
    into.set(prefix || 'value', primitiveText(value));
  }
  return into;
}

/** What happened to one record, field by field. */
export function recordChange(before: unknown, after: unknown): RecordChange {
  const old = flatten(before);
  const now = flatten(after);
  if (before === null || before === undefined)
    return {
      change: 'created',
      fields: [...now].map(([field, value]) => ({ field, before: null, after: value })),
      unchanged: 0,
    };
  if (after === null || after === undefined)
    return {
      change: 'deleted',
      fields: [...old].map(([field, value]) => ({ field, before: value, after: null })),
      unchanged: 0,
    };
  const fields: FieldChange[] = [];
  let unchanged = 0;
  const oldLists = primitiveLists(before);
  const newLists = primitiveLists(after);
  for (const field of new Set([...old.keys(), ...now.keys()])) {
    const was = old.get(field) ?? null;
    const is = now.get(field) ?? null;
    if (was === is) {
      unchanged += 1;
      continue;
    }
    const wasList = oldLists.get(field);
    const isList = newLists.get(field);
    fields.push(
      wasList !== undefined && isList !== undefined
        ? { field, before: was, after: is, list: listChange(wasList, isList) }
        : { field, before: was, after: is },
    );
  }
  return { change: 'changed', fields, unchanged };
}

/** A record's own name, when it has one (`name`, `username`), to show beside its key. */
export function recordName(record: unknown): string | null {
  if (!isPlainObject(record)) return null;
  for (const key of ['name', 'username', 'key'])
    if (typeof record[key] === 'string' && record[key] !== '') return record[key];
  return null;
}

/** What a list gained and lost, each item once, in the order of the list it is in. */
export function listChange(
  before: readonly string[],
  after: readonly string[],
): { added: readonly string[]; removed: readonly string[] } {
  const had = new Set(before);
  const has = new Set(after);
  return {
    added: [...has].filter((item) => !had.has(item)),
    removed: [...had].filter((item) => !has.has(item)),
  };
}

/** The lists of plain values in a record, by the field path `flatten` gives them. */
function primitiveLists(value: unknown, prefix = '', into = new Map<string, string[]>()): Map<string, string[]> {
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) primitiveLists(value[key], prefix === '' ? key : `${prefix}.${key}`, into);
  } else if (Array.isArray(value)) {
    if (value.every((item) => !isPlainObject(item) && !Array.isArray(item)))
      into.set(prefix || 'value', value.map(primitiveText));
    else value.forEach((item, index) => primitiveLists(item, `${prefix} ${index + 1}`.trim(), into));
  }
  return into;
}
