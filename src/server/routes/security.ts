import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { Change } from '../../core/changes.js';
import { TesseraError } from '../../core/errors.js';
import { qualifiedUserName, type User } from '../../core/model.js';
import * as rules from '../../core/rules.js';
import { signInRefusal, twoFactorRequired } from '../../core/sign-in.js';
import { SESSION_COOKIE, requirePermission } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { type Challenge, twoFactorOf } from '../two-factor.js';
import {
  Problem,
  Reference,
  UserParam,
  auditOf,
  enforce,
  homeTarget,
  pathParameter,
  tagged,
  userOf,
  write,
} from './common.js';

const Mode = Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('token')]));
const Code = Type.String({
  minLength: 6,
  maxLength: 32,
  description: 'A six-digit code of the authenticator app, or one of the recovery codes.',
});
const ChallengeToken = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'The challenge `POST /v1/session` answered.',
});

export const ChallengeSchema = Type.Object({
  twoFactor: Type.Object({
    challenge: Type.String({ description: 'Opaque, single use; answer it at `POST /v1/session/two-factor`.' }),
    expiresAt: Type.String(),
    enrolmentRequired: Type.Boolean({
      description: 'True when the user must enrol a second factor first (`POST /v1/session/two-factor/enrolment`).',
    }),
  }),
});

const SessionAnswer = Type.Object({
  user: Type.Object({
    id: Type.String(),
    username: Type.String(),
    store: Type.String(),
    name: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
  }),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
  token: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.String(),
  recoveryCodes: Type.Optional(
    Type.Array(Type.String(), { description: 'After an enrolment at sign-in: the recovery codes, shown once.' }),
  ),
});

const EnrolmentSchema = Type.Object({
  secret: Type.String({ description: 'The shared secret (base32), for typing in by hand.' }),
  uri: Type.String({ description: 'The `otpauth://totp/…` URI.' }),
  qrCode: Type.String({ description: 'The QR code of the URI, an SVG `data:` URL.' }),
});

const StatusSchema = Type.Object({
  enrolled: Type.Boolean(),
  pending: Type.Boolean({ description: 'An enrolment waits for its first code.' }),
  required: Type.Boolean({ description: 'Policy requires a second factor of this user.' }),
  recoveryCodesLeft: Type.Integer(),
});

const SignInSettingsSchema = Type.Object({
  signInPermission: Type.Union([Type.String(), Type.Null()]),
  requireTwoFactor: Type.Boolean(),
  revision: Type.Integer(),
});

const SessionInfo = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  current: Type.Boolean(),
});

/**
 * What a sign-in with the right password leads to: refused (`sign-in-not-permitted`), a challenge
 * for the second factor, or null when a session may be given now.
 */
export async function signInStep(context: ServerContext, user: User): Promise<Challenge | null> {
  const refusal = signInRefusal(context.store.engine, user.id);
  if (refusal !== null)
    throw new HttpProblem('sign-in-not-permitted', refusal.reason, { permission: refusal.permission });
  const twoFactor = twoFactorOf(context);
  if (await twoFactor.isEnrolled(user.id)) return twoFactor.createChallenge(user, 'verify');
  if (twoFactorRequired(context.store.engine, user.id)) return twoFactor.createChallenge(user, 'enrol');
  return null;
}

export function challengeAnswer(challenge: Challenge) {
  return {
    twoFactor: {
      challenge: challenge.challenge,
      expiresAt: challenge.expiresAt,
      enrolmentRequired: challenge.purpose === 'enrol',
    },
  };
}

async function sessionAnswer(context: ServerContext, reply: FastifyReply, user: User, mode: 'cookie' | 'token') {
  const session = await context.credentials.createSession(user);
  if (mode === 'cookie') {
    reply.setCookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: context.settings.secureCookies,
      path: '/',
      expires: new Date(session.expiresAt),
    });
  }
  return {
    user: { id: user.id, username: user.username, store: user.store, name: qualifiedUserName(user), email: user.email },
    csrfToken: mode === 'cookie' ? session.csrf : null,
    token: mode === 'token' ? session.token : null,
    expiresAt: session.expiresAt,
  };
}

/** The second sign-in step, the signed-in user's own security (second factor, sessions), and the sign-in settings. */
export function securityRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const twoFactor = twoFactorOf(context);
  const atHome = (_request: unknown, ctx: ServerContext) => homeTarget(ctx);

  app.post(
    '/v1/session/two-factor',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Second sign-in step: answer the challenge with a code, get the session',
        description:
          'Takes a six-digit TOTP code (each accepted once: a replayed code is refused with `two-factor-code-reused`) or a recovery code (spent by its use). ' +
          'With a challenge that requires enrolment, the code confirms the enrolment started at `POST /v1/session/two-factor/enrolment` and the answer carries the recovery codes. ' +
          'Throttled per user and per address like passwords; the challenge is single use and lasts 5 minutes.',
        body: Type.Object({ challenge: ChallengeToken, code: Code, mode: Mode }, { additionalProperties: false }),
        response: { 200: SessionAnswer, '4xx': Problem },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { challenge, code, mode = 'cookie' } = request.body;
      const { user, purpose } = await twoFactor.readChallenge(challenge);
      // The sign-in permission is judged again: it may have been taken away in the meantime.
      const refusal = signInRefusal(engine(), user.id);
      if (refusal !== null)
        throw new HttpProblem('sign-in-not-permitted', refusal.reason, { permission: refusal.permission });
      let recoveryCodes: string[] | undefined;
      const audit = { actor: user.id, actorName: qualifiedUserName(user), target: `user:${user.id}` };
      if (purpose === 'enrol')
        recoveryCodes = await twoFactor.confirmEnrolment(user, code, request.ip, {
          ...audit,
          action: 'two-factor.enrol',
        });
      else await twoFactor.verify(user, code, request.ip);
      await twoFactor.consumeChallenge(challenge);
      const answer = await sessionAnswer(context, reply, user, mode);
      return recoveryCodes === undefined ? answer : { ...answer, recoveryCodes };
    },
  );

  app.post(
    '/v1/session/two-factor/enrolment',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Enrol a second factor during sign-in (a challenge that requires enrolment)',
        description:
          'For a user whom policy requires a second factor but who has none: the challenge allows this and nothing else. ' +
          'Answers a new TOTP secret, its `otpauth://` URI and QR code; the first valid code at `POST /v1/session/two-factor` confirms it.',
        body: Type.Object({ challenge: ChallengeToken }, { additionalProperties: false }),
        response: { 200: EnrolmentSchema, '4xx': Problem },
      },
      config: { public: true },
    },
    async (request) => {
      const { user, purpose } = await twoFactor.readChallenge(request.body.challenge);
      if (purpose !== 'enrol')
        throw new HttpProblem(
          'two-factor-state',
          'this challenge is answered with a code: the user has a second factor',
        );
      return twoFactor.startEnrolment(user);
    },
  );

  // ── the signed-in user's own second factor ──

  app.get(
    '/v1/me/two-factor',
    {
      schema: {
        tags: ['sign-in'],
        summary: "The caller's second factor: enrolled, required, recovery codes left",
        response: { 200: StatusSchema, '4xx': Problem },
      },
    },
    async (request) => {
      const user = request.principal!.user;
      return { ...(await twoFactor.status(user.id)), required: twoFactorRequired(engine(), user.id) };
    },
  );

  app.post(
    '/v1/me/two-factor',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Start enrolling a second factor (TOTP): a secret, its URI and QR code',
        description: 'The enrolment counts once `POST /v1/me/two-factor/confirm` receives a first valid code.',
        response: { 200: EnrolmentSchema, '4xx': Problem },
      },
    },
    async (request) => twoFactor.startEnrolment(request.principal!.user),
  );

  app.post(
    '/v1/me/two-factor/confirm',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Confirm the enrolment with a first valid code; answers the ten recovery codes, shown once',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), '4xx': Problem },
      },
    },
    async (request) => {
      const user = request.principal!.user;
      const recoveryCodes = await twoFactor.confirmEnrolment(
        user,
        request.body.code,
        request.ip,
        auditOf(request, 'two-factor.enrol', `user:${user.id}`),
      );
      return { recoveryCodes };
    },
  );

  app.post(
    '/v1/me/two-factor/recovery-codes',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Replace the recovery codes (the old ones stop working); needs a valid code',
        body: Type.Object({ code: Code }, { additionalProperties: false }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), '4xx': Problem },
      },
    },
    async (request) => {
      const user = request.principal!.user;
      const recoveryCodes = await twoFactor.regenerateRecoveryCodes(
        user,
        request.body.code,
        request.ip,
        auditOf(request, 'two-factor.recovery-codes', `user:${user.id}`),
      );
      return { recoveryCodes };
    },
  );

  app.delete(
    '/v1/me/two-factor',
    {
      schema: {
        tags: ['sign-in'],
        summary: "Remove the caller's second factor (needs a valid code; refused while policy requires one)",
        querystring: Type.Object({ code: Type.Optional(Code) }, { additionalProperties: false }),
        response: { 204: Type.Null(), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const user = request.principal!.user;
      const status = await twoFactor.status(user.id);
      if (status.enrolled) {
        if (twoFactorRequired(engine(), user.id))
          throw new HttpProblem('two-factor-state', 'your organization requires a second factor: it cannot be removed');
        const code = request.query.code;
        if (code === undefined)
          throw new HttpProblem('bad-request', 'send a current code (?code=…) to remove the factor');
        await twoFactor.verify(user, code, request.ip);
      } else if (!status.pending) throw new HttpProblem('two-factor-state', 'you have no second factor');
      await twoFactor.remove(user.id, auditOf(request, 'two-factor.remove', `user:${user.id}`), false);
      return reply.code(204).send(null);
    },
  );

  // ── an administrator's reset ──

  app.delete(
    '/v1/users/:user/two-factor',
    {
      schema: {
        tags: ['users'],
        summary: "Reset a user's second factor (ends the user's sessions)",
        description:
          'For a user who lost their authenticator and recovery codes: the factor and the codes are removed and every session of the user ends; ' +
          'if policy requires a second factor, the next sign-in enrols a new one. Needs `user:manage` at the home organization and, as for passwords, every permission the user holds (or `user:takeover`).',
        params: Type.Object({ user: UserParam }),
        response: { 204: Type.Null(), '4xx': Problem },
      },
      config: { guard: { permission: 'user:manage', at: 'the home organization', target: atHome } },
    },
    async (request, reply) => {
      const user = userOf(engine(), request.params.user);
      const target = homeTarget(context);
      requirePermission(context, request, 'user:manage', target.type, target.id);
      if (user.id !== request.principal!.user.id)
        enforce(rules.canManageUser(engine(), request.principal!.user.id, user.id, [context.home()]));
      const removed = await twoFactor.remove(user.id, auditOf(request, 'two-factor.reset', `user:${user.id}`), true);
      if (!removed) throw new HttpProblem('two-factor-state', `user "${qualifiedUserName(user)}" has no second factor`);
      return reply.code(204).send(null);
    },
  );

  // ── the caller's sessions ──

  app.get(
    '/v1/sessions',
    {
      schema: {
        tags: ['sign-in'],
        summary: "The caller's sessions (signed-in browsers and token sign-ins)",
        response: { 200: Type.Object({ items: Type.Array(SessionInfo) }), '4xx': Problem },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const rows = await context.store.database
        .selectFrom('sessions')
        .select(['token_hash', 'created_at', 'expires_at'])
        .where('user_id', '=', principal.user.id)
        .where('expires_at', '>', new Date().toISOString())
        .orderBy('created_at')
        .execute();
      return {
        items: rows.map((r) => ({
          id: r.token_hash,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          current: principal.via === 'session' && principal.credential === r.token_hash,
        })),
      };
    },
  );

  app.delete(
    '/v1/sessions/:id',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'End one of the caller’s sessions',
        params: Type.Object({ id: pathParameter(Reference, 'The id of the session.', 'q1w2e3') }),
        response: { 204: Type.Null(), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const user = request.principal!.user;
      const ended = await context.store.transact(
        async (tx) =>
          Number(
            (
              await tx
                .deleteFrom('sessions')
                .where('token_hash', '=', request.params.id)
                .where('user_id', '=', user.id)
                .executeTakeFirst()
            ).numDeletedRows,
          ) > 0,
        { ...auditOf(request, 'session.end', `user:${user.id}`) },
      );
      if (!ended) throw new HttpProblem('route-not-found', 'you have no such session');
      return reply.code(204).send(null);
    },
  );

  // ── installation settings of sign-in ──

  const settingsGuard = { permission: 'settings:manage', at: 'the home organization', target: atHome };
  const view = () => ({
    signInPermission: engine().settings.signInPermission ?? null,
    requireTwoFactor: engine().settings.requireTwoFactor === true,
    revision: engine().revision,
  });

  app.get(
    '/v1/settings/sign-in',
    {
      schema: {
        tags: ['installation'],
        summary: 'Sign-in settings: the permission sign-in needs, and whether everyone needs a second factor',
        response: { 200: SignInSettingsSchema, '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request) => tagged(request, 'settings', 'settings', view()),
  );

  app.put(
    '/v1/settings/sign-in',
    {
      schema: {
        tags: ['installation'],
        summary: 'Change the sign-in settings',
        description:
          '`signInPermission`: a permission key users must hold (at some organization) to sign in (WSO2’s `/permission/admin/login`), or null. ' +
          '`requireTwoFactor`: every user needs a second factor, except holders of a role flagged `exemptFromTwoFactor`.',
        body: Type.Object(
          {
            signInPermission: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Null()])),
            requireTwoFactor: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: SignInSettingsSchema, '4xx': Problem },
      },
      config: { guard: settingsGuard },
    },
    async (request) => {
      const current = engine().settings;
      const { signInPermission, requireTwoFactor } = request.body;
      if (typeof signInPermission === 'string') {
        if (engine().permission(signInPermission) === undefined)
          throw new HttpProblem('unknown-permission', `"${signInPermission}" is not in the permission tree`);
        // No lock-out: whoever sets it must still be able to sign in under it.
        if (signInRefusal(engine(), request.principal!.user.id, signInPermission) !== null)
          throw new TesseraError(
            'LAST_ADMIN',
            `you do not hold "${signInPermission}" yourself: with it required, you could no longer sign in`,
          );
      }
      const next = { ...current };
      const nextPermission = signInPermission === undefined ? (current.signInPermission ?? null) : signInPermission;
      const nextTwoFactor = requireTwoFactor ?? current.requireTwoFactor === true;
      const changes: Change[] = [
        {
          op: 'settings.set',
          settings: {
            adminRole: next.adminRole,
            organizationDefaults: next.organizationDefaults,
            ...(nextPermission === null ? {} : { signInPermission: nextPermission }),
            ...(nextTwoFactor ? { requireTwoFactor: true } : {}),
          },
        },
      ];
      await write(context, request, changes, 'settings.update', 'settings:settings');
      return view();
    },
  );
}
