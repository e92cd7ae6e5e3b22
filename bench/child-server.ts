/** A benchmark's server in a child process: it prints `{"url": …}` on its first line once it listens. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildServer {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Runs `script` with `args` through tsx (profiled into `profileDir` when given) and waits for its URL. */
export async function startChildServer(
  script: string,
  args: readonly string[],
  profileDir: string | null = null,
): Promise<ChildServer> {
  const nodeArgs = [
    '--import',
    'tsx',
    ...(profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]),
    script,
    ...args,
  ];
  const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited early (code ${code})`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { child, url };
}

export async function stopChildServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
