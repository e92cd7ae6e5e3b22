import type { TargetRef } from '../../core/decision.js';
import { parseTargetRef } from '../../document/policy-tests.js';
import { CliError, print, warn } from '../context.js';
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
  const user = userOf(userArgument);
  const ref = targetOf(targetArgument);
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const explanation = engine.explain({ user, permission, resource: ref });
    const allowed = explanation.grant !== null;
    const code = explanation.denial?.code;
    // A typo must not pass for a plain "no".
    if (code === 'UNKNOWN_USER' || code === 'UNKNOWN_PERMISSION' || code === 'UNKNOWN_TARGET')
      warn(explanation.denial!.reason);
    print(allowed ? 'yes' : 'no');
    if (flags.explain === true) for (const line of explanationLines(engine, explanation, user, ref)) print(line);
    if (!allowed) process.exitCode = 1;
  });
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
