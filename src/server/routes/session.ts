import { Type } from '@sinclair/typebox';
import { qualifiedUserName } from '../../core/model.js';
import { SESSION_COOKIE } from '../app.js';
import type { App, ServerContext } from '../context.js';
import { MAX_TOKEN_DAYS } from '../credentials.js';
import { HttpProblem } from '../problem.js';
import { Name, Problem, auditOf, TokenParam } from './common.js';
import { ChallengeSchema, challengeAnswer, signInStep } from './security.js';

const SessionUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  store: Type.String(),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
});

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the token, to tell tokens apart.' }),
  user: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

/** Signing in and out, and personal access tokens. */
export function sessionRoutes(app: App, context: ServerContext): void {
  const { credentials, settings } = context;

  app.post(
    '/v1/session',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign in with a username and password',
        description:
          'Answers a session. `mode: "cookie"` (the console) sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token that unsafe requests must send in `X-CSRF-Token`; ' +
          '`mode: "token"` returns a bearer token instead. Failed attempts are throttled per username and per address (429 with Retry-After). ' +
          "A user without the installation's sign-in permission is refused (403 `sign-in-not-permitted`); one who needs a second factor gets 202 with a short-lived challenge instead of a session (`POST /v1/session/two-factor`).",
        body: Type.Object(
          {
            username: Name,
            password: Type.String({ minLength: 1, maxLength: 1024 }),
            mode: Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('token')])),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            user: SessionUser,
            csrfToken: Type.Union([Type.String(), Type.Null()]),
            token: Type.Union([Type.String(), Type.Null()]),
            expiresAt: Type.String(),
          }),
          202: ChallengeSchema,
          '4xx': Problem,
        },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { username, password, mode = 'cookie' } = request.body;
      const user = await credentials.verify(username, password, request.ip);
      // The sign-in permission, then the second factor: a challenge instead of a session.
      const challenge = await signInStep(context, user);
      if (challenge !== null) return reply.code(202).send(challengeAnswer(challenge));
      const session = await credentials.createSession(user);
      if (mode === 'cookie') {
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: settings.secureCookies,
          path: '/',
          expires: new Date(session.expiresAt),
        });
      }
      return {
        user: {
          id: user.id,
          username: user.username,
          store: user.store,
          name: qualifiedUserName(user),
          email: user.email,
        },
        csrfToken: mode === 'cookie' ? session.csrf : null,
        token: mode === 'token' ? session.token : null,
        expiresAt: session.expiresAt,
      };
    },
  );

  app.get(
    '/v1/session',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'The signed-in caller',
        response: {
          200: Type.Object({
            user: SessionUser,
            via: Type.String(),
            csrfToken: Type.Union([Type.String(), Type.Null()]),
            homeOrganization: Type.String(),
          }),
          '4xx': Problem,
        },
      },
    },
    async (request) => {
      const { user, via, csrf } = request.principal!;
      return {
        user: {
          id: user.id,
          username: user.username,
          store: user.store,
          name: qualifiedUserName(user),
          email: user.email,
        },
        via,
        csrfToken: csrf,
        homeOrganization: context.home(),
      };
    },
  );

  app.delete(
    '/v1/session',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign out (ends the session the request came with)',
        response: { 204: Type.Null(), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      if (principal.via !== 'session')
        throw new HttpProblem(
          'bad-request',
          'the request came with an access token, not a session: revoke the token instead',
        );
      await credentials.endSession(principal);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/tokens',
    {
      schema: {
        tags: ['sign-in'],
        summary: "The caller's personal access tokens",
        response: { 200: Type.Object({ items: Type.Array(TokenSchema) }), '4xx': Problem },
      },
    },
    async (request) => ({ items: await credentials.listTokens(request.principal!.user.id) }),
  );

  app.post(
    '/v1/tokens',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Create a personal access token',
        description:
          "The token is shown once, in this answer; only its hash is stored. It acts as the caller, with the caller's permissions as they are when it is used.",
        body: Type.Object(
          {
            name: Name,
            expiresInDays: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: MAX_TOKEN_DAYS,
                description: `Days until the token expires: 90 unless given, at most ${MAX_TOKEN_DAYS}. Tokens that never expire are not made.`,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ token: Type.String(), info: TokenSchema }), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const { name, expiresInDays = 90 } = request.body;
      const created = await credentials.createToken(
        request.principal!.user,
        name,
        expiresInDays,
        auditOf(request, 'token.create', null),
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/v1/tokens/:id',
    {
      schema: {
        tags: ['sign-in'],
        summary: "Revoke one of the caller's tokens",
        params: Type.Object({ id: TokenParam }),
        response: { 204: Type.Null(), '4xx': Problem },
      },
    },
    async (request, reply) => {
      const revoked = await credentials.revokeToken(
        request.principal!.user.id,
        request.params.id,
        auditOf(request, 'token.revoke', `token:${request.params.id}`),
      );
      if (!revoked) throw new HttpProblem('route-not-found', `you have no active token "${request.params.id}"`);
      return reply.code(204).send(null);
    },
  );
}
