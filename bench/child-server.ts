/** A benchmark's server in a child process: it prints `{"url": …}` on its first line once it listens. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * The CPU time (user + system, in milliseconds) a child has used so far, from /proc (Linux), or
 * undefined elsewhere. The difference over a run, per request, is what the server spent on it
 * whatever else shares the machine.
 */
export function cpuMsOf(child: ChildProcess): number | undefined {
  return cpuOf(child)?.total;
}

/** `cpuMsOf`, and of it the time spent in the kernel (system time: the sockets' reads and writes). */
export function cpuOf(child: ChildProcess): { total: number; system: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from the third: utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // USER_HZ is 100 on every Linux this runs on.
    const [user, system] = [Number(fields[11]) * 10, Number(fields[12]) * 10];
    return { total: user + system, system };
  } catch {
    return undefined;
  }
}
