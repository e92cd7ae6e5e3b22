import type { TargetRef } from '../../core/decision.js';
import { parseTargetRef } from '../../document/policy-tests.js';
import { TesseraError } from '../../core/errors.js';
import { CHECK_ERROR_EXIT, CliError, print, warn } from '../context.js';
import { explanationLines } from '../format.js';
import { withStore } from './store.js';

function userOf(argument: string): string | null {
  return argument === '-' || argument === 'anonymous' ? null : argument;
}

function targetOf(argument: string): TargetRef {
  const ref = parseTargetRef(argument);
  if (ref === undefined)
    throw new CliError(`"${argument}" is not a target: write type/id-or-path, e.g. project/acme/engineering`);
  return ref;
}

export async function check(
  userArgument: string,
  permission: string,
  targetArgument: string,
  flags: { database?: string; explain?: boolean },
): Promise<void> {
  try {
    const user = userOf(userArgument);
    const ref = targetOf(targetArgument);
    await withStore(flags, async (store) => {
      const engine = store.engine;
      // A permission the tree lacks is a mistake in the question, not a denial (as POST /v1/check answers 400).
      if (engine.permission(permission) === undefined)
        throw new CliError(`permission "${permission}" is not in the permission tree`, CHECK_ERROR_EXIT);
      const explanation = engine.explain({ user, permission, resource: ref });
      const allowed = explanation.grant !== null;
      const code = explanation.denial?.code;
      // A typo must not pass for a plain "no".
      if (code === 'UNKNOWN_USER' || code === 'UNKNOWN_TARGET') warn(explanation.denial!.reason);
      print(allowed ? 'yes' : 'no');
      if (flags.explain === true) for (const line of explanationLines(engine, explanation, user, ref)) print(line);
      if (!allowed) process.exitCode = 1;
    });
  } catch (error) {
    // Exit 1 means "no": every error (a bad argument, an unknown permission, no database) exits 2.
    if (error instanceof CliError && error.exitCode === CHECK_ERROR_EXIT) throw error;
    throw new CliError(error instanceof Error ? messageOf(error) : String(error), CHECK_ERROR_EXIT);
  }
}

/** An error's one-line message, with the code of a core error that is not self-explaining (as main reports it). */
function messageOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return error instanceof TesseraError && code !== 'INVALID' && code !== 'NOT_FOUND' && code !== 'DUPLICATE'
    ? `${error.message} (${String(code)})`
    : error.message;
}

export async function explain(
  userArgument: string,
  permission: string,
  targetArgument: string,
  flags: { database?: string; json?: boolean },
): Promise<void> {
  const user = userOf(userArgument);
  const ref = targetOf(targetArgument);
  await withStore(flags, async (store) => {
    const explanation = store.engine.explain({ user, permission, resource: ref });
    if (flags.json === true) print(JSON.stringify(explanation, null, 2));
    else for (const line of explanationLines(store.engine, explanation, user, ref)) print(line);
  });
}
