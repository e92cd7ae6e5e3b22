import { CommanderError } from 'commander';
import { TesseraError } from '../core/errors.js';
import { CliError } from './context.js';
import { buildProgram } from './program.js';

/** Any failure is one line on standard error, `tessera: <message>`, and exit code 1 (a command may ask for another); never a stack trace. */
function report(error: unknown): void {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  let message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof TesseraError &&
    error.code !== 'INVALID' &&
    error.code !== 'NOT_FOUND' &&
    error.code !== 'DUPLICATE'
  )
    message = `${message} (${error.code})`;
  process.stderr.write(`tessera: ${message.split('\n')[0]}\n`);
  if (process.env.TESSERA_DEBUG === '1' && error instanceof Error && error.stack !== undefined)
    process.stderr.write(`${error.stack}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
}

process.on('unhandledRejection', (reason) => {
  report(reason);
  process.exit(1);
});

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  report(error);
}
