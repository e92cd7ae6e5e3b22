import { type Compilable, CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './schema.js';

/**
 * The write path's statements, compiled once per shape. Building and compiling a Kysely query
 * costs more than running the small statements of a write on SQLite (a profile of member adds put
 * a quarter of the server's time in Kysely's builders and compiler): each shape (a statement, a
 * table, a number of rows) is compiled once per store, with placeholder values, and then run with
 * the write's parameters in the order the compiled query takes them.
 */
export class Statements {
  readonly #texts = new Map<string, string>();

  /**
   * Runs the statement `key` names with `parameters`. `build` makes it (on the connection's
   * dialect) when it was not compiled yet, with placeholder values whose parameters must come out
   * as `expected`: a builder that orders them otherwise is a programming error, thrown.
   */
  run<R = unknown>(
    conn: Kysely<Database>,
    key: string,
    build: (db: Kysely<Database>) => Compilable,
    expected: readonly unknown[],
    parameters: readonly unknown[],
  ): Promise<QueryResult<R>> {
    let text = this.#texts.get(key);
    if (text === undefined) {
      const compiled = build(conn).compile();
      if (
        compiled.parameters.length !== expected.length ||
        compiled.parameters.some((value, i) => value !== expected[i])
      )
        throw new Error(`the statement ${key} takes its parameters in another order than its caller gives them`);
      text = compiled.sql;
      this.#texts.set(key, text);
    }
    return conn.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  }

  /** `insert into table (columns) values …` of `rows` (each its values in `columns`' order), `ignoring` conflicts on those columns. */
  async insert(
    conn: Kysely<Database>,
    table: keyof Database & string,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
    ignoring?: readonly string[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const placeholders = rows.map((_, r) => columns.map((_, c) => `\u0000${r}.${c}`));
    await this.run(
      conn,
      `insert\u0000${table}\u0000${columns.join(',')}\u0000${rows.length}\u0000${ignoring?.join(',') ?? ''}`,
      (db) => {
        const values = placeholders.map((row) => Object.fromEntries(columns.map((column, c) => [column, row[c]])));
        const insert = db.insertInto(table as 'change_log').values(values as never);
        return ignoring === undefined
          ? insert
          : insert.onConflict((conflict) => conflict.columns(ignoring as never).doNothing());
      },
      placeholders.flat(),
      rows.flat(),
    );
  }

  /** `delete from table where key in (keys)`. */
  async deleteKeys(conn: Kysely<Database>, table: keyof Database & string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const placeholders = keys.map((_, i) => `\u0000${i}`);
    await this.run(
      conn,
      `delete\u0000${table}\u0000${keys.length}`,
      (db) => db.deleteFrom(table as 'users').where('key', 'in', placeholders),
      placeholders,
      keys,
    );
  }
}
