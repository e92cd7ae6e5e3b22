import { buildProgram } from '../../src/cli/program.js';

/**
 * Runs `tessera …args` in this process and answers what it printed: a child process costs seconds,
 * and a test that needs neither standard input nor the exit code does not need one.
 */
export async function runTesseraInProcess(args: readonly string[]): Promise<string> {
  let printed = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    printed += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await buildProgram().parseAsync(['node', 'tessera', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return printed;
}
