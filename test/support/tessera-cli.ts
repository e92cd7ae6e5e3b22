import { type ChildProcess, execFile } from 'node:child_process';
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

/** Module hooks that print every file a process loads to standard error, one `loaded <url>` line each. */
const LOAD_HOOKS = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith('file:')) process.stderr.write('loaded ' + resolved.url + '\\n');
  return resolved;
}`;

/** For `node --import`: registers the hooks above, so the child's standard error lists the files it loads. */
export const MODULE_TRACE = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(LOAD_HOOKS)}`)});`,
)}`;

/** The files a child traced with MODULE_TRACE loaded, from its standard error. */
export function loadedFiles(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('loaded '))
    .map((line) => line.slice('loaded '.length));
}

/**
 * A `tessera serve` child's banner: its standard output so far (kept as it goes on), and its URL
 * once the banner is printed whole; rejected if the child exits first or within `timeoutMs` prints none.
 */
export function serveBanner(
  child: ChildProcess,
  timeoutMs: number,
): { stdout(): string; readonly url: Promise<string> } {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within ${timeoutMs / 1000} s: ${stdout} ${stderr}`)),
      timeoutMs,
    );
    child.stdout!.on('data', () => {
      const found = /listening on (http:\/\/\S+)/.exec(stdout);
      if (found !== null && stdout.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`serve exited: ${stderr}`));
    });
  });
  return { stdout: () => stdout, url };
}
