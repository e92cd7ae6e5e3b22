import { Type } from '@sinclair/typebox';
import type { User } from '../../core/model.js';
import { qualifiedUserName } from '../../core/model.js';
import * as rules from '../../core/rules.js';
import { AttemptLimiter } from '../attempts.js';
import type { App, ServerContext } from '../context.js';
import { perContext } from '../per-context.js';
import { deliver, linkBase } from '../mail/index.js';
import { newSecret, secretHash } from '../passwords.js';
import { HttpProblem } from '../problem.js';
import { Problem } from './common.js';
import { Password } from './users.js';

/** How long a password-reset link works. */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;

const INVALID = 'the password-reset link is unknown, was used already or has expired';

/** Per address (20 free attempts) and per name asked for (3: each may mail its owner). */
const limiterOf = perContext(() => new AttemptLimiter([20, 3]));

/**
 * The accounts a reset request names: a username (`STORE/username` or a PRIMARY one), or an email
 * (every such account). Only accounts that could use a link: active, with an email, in a store
 * whose passwords Tessera keeps (not a read-only directory).
 */
function accountsNamed(context: ServerContext, name: string): User[] {
  const engine = context.store.engine;
  const candidates = name.includes('@')
    ? engine.users().filter((u) => u.email?.toLowerCase() === name.toLowerCase())
    : [engine.user(name)].filter((u): u is User => u !== undefined);
  return candidates.filter((u) => u.status === 'active' && u.email !== null && rules.canEditUser(engine, u.id).ok);
}

/** Makes a link for one account and mails it; the request and the delivery are audited. */
async function sendReset(context: ServerContext, user: User): Promise<void> {
  const token = newSecret('tpwr');
  const now = Date.now();
  const expiresAt = new Date(now + PASSWORD_RESET_TTL_MS).toISOString();
  await context.store.transact(
    (tx) =>
      tx
        .insertInto('password_resets')
        .values({
          token_hash: secretHash(token),
          user_id: user.id,
          created_at: new Date(now).toISOString(),
          expires_at: expiresAt,
          used_at: null,
        })
        .execute(),
    {
      actor: null,
      actorName: 'anonymous',
      action: 'password-reset.request',
      target: `user:${user.id}`,
      effects: [{ kind: 'passwordReset', key: user.id, before: null, after: { expiresAt } }],
    },
  );
  const delivery = await deliver(
    context,
    {
      to: user.email!,
      template: 'password-reset',
      data: {
        link: `${linkBase(context)}/console/reset-password?token=${encodeURIComponent(token)}`,
        username: qualifiedUserName(user),
        expiresAt,
      },
    },
    { by: { actor: null, actorName: 'anonymous' }, about: `user:${user.id}` },
  );
  // A link nobody received is worth nothing: it is spent, so it cannot be used if it ever surfaces.
  if (delivery.status === 'failed')
    await context.store.database
      .updateTable('password_resets')
      .set({ used_at: new Date().toISOString() })
      .where('token_hash', '=', secretHash(token))
      .execute();
}

/**
 * Password reset by email link (docs/mail.md#password-reset). The request always answers 202,
 * whether or not the account exists, and the work (the link, the message) happens after the
 * answer, so neither the answer nor its timing tells. A link works once, for 30 minutes, and is
 * kept as its hash; using it sets the password, ends every session and revokes every token.
 */
export function passwordResetRoutes(app: App, context: ServerContext): void {
  const db = () => context.store.database;

  app.post(
    '/v1/password-reset',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Ask for a password-reset link by username or email: always 202',
        description:
          'When an active account with an email and a password Tessera keeps matches (by `STORE/username`, a PRIMARY username, or an email: every account with it), a link is mailed to it. ' +
          'The answer is 202 either way, sent before anything is looked up. Throttled per address and per name (429 with Retry-After).',
        body: Type.Object({ user: Type.String({ minLength: 1, maxLength: 320 }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ message: Type.String() }), '4xx': Problem },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const name = request.body.user.trim();
      // Answered at once, whatever follows: the delay before the next attempt runs from now.
      limiterOf(context).attempt([request.ip, name.toLowerCase()], 'password-reset requests')();
      // After the answer: its content and timing are the same whether or not the account exists.
      setImmediate(() => {
        const accounts = accountsNamed(context, name);
        for (const user of accounts)
          sendReset(context, user).catch((error: unknown) =>
            request.log.error({ err: error }, 'a password-reset link could not be made'),
          );
      });
      return reply
        .code(202)
        .send({ message: 'if an account matches and has an email address, a password-reset link is on its way' });
    },
  );

  app.post(
    '/v1/password-reset/confirm',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Set a new password with a password-reset link',
        description:
          "Sets the password, ends every session of the user and revokes their personal access tokens and OAuth refresh tokens, and spends the link (and the user's other links). " +
          'A link used, expired or unknown answers `link-invalid` (410) and changes nothing.',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), '4xx': Problem },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { token, password } = request.body;
      const hash = secretHash(token);
      const row = await db()
        .selectFrom('password_resets')
        .selectAll()
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      const at = new Date().toISOString();
      if (row === undefined || row.used_at !== null || row.expires_at <= at)
        throw new HttpProblem('link-invalid', INVALID);
      const engine = context.store.engine;
      const user = engine.user(row.user_id);
      if (
        user === undefined ||
        user.id !== row.user_id ||
        user.status !== 'active' ||
        !rules.canEditUser(engine, user.id).ok
      )
        throw new HttpProblem('link-invalid', INVALID);
      await context.credentials.setPassword(
        user.id,
        password,
        {
          actor: user.id,
          actorName: qualifiedUserName(user),
          action: 'password-reset.confirm',
          target: `user:${user.id}`,
        },
        async (tx) => {
          const result = await tx
            .updateTable('password_resets')
            .set({ used_at: at })
            .where('token_hash', '=', hash)
            .where('used_at', 'is', null)
            .where('expires_at', '>', at)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) throw new HttpProblem('link-invalid', INVALID);
          await tx
            .updateTable('password_resets')
            .set({ used_at: at })
            .where('user_id', '=', user.id)
            .where('used_at', 'is', null)
            .execute();
        },
      );
      return reply.code(204).send(null);
    },
  );
}
