import { Option } from 'commander';
import { CLI_DEFAULTS } from './defaults.js';

/** A failure the CLI reports as one line, `tessera: <message>`, exiting 1 (or `exitCode`). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** `tessera check`'s exit code for an error (0 is yes, 1 is no), as `kubectl auth can-i` keeps 1 for no. */
export const CHECK_ERROR_EXIT = 2;

/** What the CLI writes; tests and commands share it so output stays line-oriented. */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function warn(line: string): void {
  process.stderr.write(`tessera: ${line}\n`);
}

/** The database option every command that reads or writes the database takes. */
export function databaseOption(): Option {
  return new Option(
    '-d, --database <path|url>',
    `SQLite file or postgres:// URL (default: $TESSERA_DATABASE, else ${CLI_DEFAULTS.database})`,
  );
}

/** Columns padded to the widest cell; the last column is left ragged. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}
