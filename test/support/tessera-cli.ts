import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { withoutTesseraSettings } from './environment.js';

/** The compiled CLI (`npm test` builds it first): a child through tsx spends seconds of CPU loading the sources. */
export const TESSERA_BIN = fileURLToPath(new URL('../../bin/tessera.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly cwd?: string;
  /** TESSERA_* settings and anything else the command should see; the test's own TESSERA_* are left out. */
  readonly env?: Record<string, string>;
  /** Standard input (a password for `--…-stdin`); closed either way. */
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** Runs `tessera …args` in a child process and answers its exit code and output. */
export function runTessera(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [TESSERA_BIN, ...args],
      { cwd: options.cwd, env: withoutTesseraSettings(options.env), timeout: options.timeoutMs ?? 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}
