import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Change } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { SYSTEM_ACTOR } from '../../core/gate.js';
import { type Organization, PRIMARY_STORE, type Role, type User, qualifiedUserName } from '../../core/model.js';
import * as rules from '../../core/rules.js';
import type { SignUpSettingRow } from '../../store/mail-schema.js';
import { AttemptLimiter } from '../attempts.js';
import type { App, ServerContext } from '../context.js';
import { perContext } from '../per-context.js';
import { deliver, linkBase } from '../mail/index.js';
import { hashPassword, newSecret, secretHash } from '../passwords.js';
import { HttpProblem } from '../problem.js';
import {
  OrganizationParam,
  Problem,
  Reference,
  Revision,
  actorOf,
  auditOf,
  enforce,
  organizationOf,
  roleOf,
} from './common.js';
import { DeliverySchema } from './mail.js';
import { Email, Password, UserSchema, Username } from './users.js';

/** How long an email-verification link works. */
export const SIGN_UP_TTL_MS = 24 * 3_600_000;

const Named = Type.Object({ id: Type.String(), name: Type.String() });

const SignUpSettingSchema = Type.Object(
  {
    organization: Type.String(),
    enabled: Type.Boolean(),
    role: Type.Union([Named, Type.Null()], {
      description: "The role the organization names; null: the installation's default (`defaultRole`).",
    }),
    defaultRole: Type.Union([Named, Type.Null()], {
      description: "The installation's default sign-up role (the preset's `organizationDefaults.signUpRole`).",
    }),
    effectiveRole: Type.Union([Named, Type.Null()], {
      description: 'What a new user gets at the organization: `role`, else `defaultRole`.',
    }),
  },
  { $id: 'SignUpSetting' },
);

const CLOSED = 'the organization does not allow self sign-up';

/** What an organization's sign-up allows: whether it is on, and the role it gives (undefined: none usable). */
interface SignUpPolicy {
  readonly enabled: boolean;
  readonly role: Role | undefined;
  readonly row: SignUpSettingRow | undefined;
}

/** Per address (20 free attempts) and per email (3: each attempt mails it). */
const limiterOf = perContext(() => new AttemptLimiter([20, 3]));

/** The organization a caller names, or undefined: unknown names answer like closed ones. */
function findOrganization(engine: AccessEngine, reference: string): Organization | undefined {
  const found = engine.describeTarget({ type: 'organization', id: reference });
  return found === undefined ? undefined : engine.organizations().find((o) => o.id === found.id);
}

/**
 * Self sign-up (docs/mail.md#self-sign-up), off by default and per organization: a person signs
 * up with a username, email and password, gets an email-verification link, and on following it
 * becomes an active PRIMARY user holding the organization's sign-up role there.
 */
export function signUpRoutes(app: App, context: ServerContext): void {
  const engine = () => context.store.engine;
  const db = () => context.store.database;

  const policyOf = async (organization: string): Promise<SignUpPolicy> => {
    const row = await db()
      .selectFrom('sign_up_settings')
      .selectAll()
      .where('organization', '=', organization)
      .executeTakeFirst();
    const roleId = row?.role ?? engine().settings.organizationDefaults.signUpRole;
    const role = roleId === undefined ? undefined : engine().role(roleId);
    return { enabled: row?.enabled === 1, role, row };
  };
  const named = (role: Role | undefined) => (role === undefined ? null : { id: role.id, name: role.name });
  const settingOf = async (organization: Organization) => {
    const policy = await policyOf(organization.id);
    const defaultId = engine().settings.organizationDefaults.signUpRole;
    return {
      organization: organization.id,
      enabled: policy.enabled,
      role: policy.row?.role === null || policy.row === undefined ? null : named(engine().role(policy.row.role)),
      defaultRole: defaultId === undefined ? null : named(engine().role(defaultId)),
      effectiveRole: named(policy.role),
    };
  };
  const organizationTarget = (request: FastifyRequest) => ({
    type: 'organization',
    id: (request.params as { organization: string }).organization,
  });

  app.get(
    '/v1/organizations/:organization/sign-up',
    {
      schema: {
        tags: ['sign-up'],
        summary: "An organization's self sign-up setting",
        params: Type.Object({ organization: OrganizationParam }),
        response: { 200: SignUpSettingSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'organization:view', at: 'the organization', target: organizationTarget } },
    },
    async (request) => settingOf(organizationOf(engine(), request.params.organization)),
  );

  app.put(
    '/v1/organizations/:organization/sign-up',
    {
      schema: {
        tags: ['sign-up'],
        summary: 'Turn self sign-up on or off for an organization, and choose the role it gives',
        description:
          "`role` (a role usable at the organization) overrides the installation's default sign-up role; null goes back to the default. " +
          'The caller must be able to grant the role at the organization (no escalation, no deprecated or infrastructure roles): turning sign-up on grants it to whoever signs up. ' +
          'Turning it on without any role to give answers `invalid`.',
        params: Type.Object({ organization: OrganizationParam }),
        body: Type.Object(
          { enabled: Type.Boolean(), role: Type.Optional(Type.Union([Reference, Type.Null()])) },
          { additionalProperties: false },
        ),
        response: { 200: SignUpSettingSchema, '4xx': Problem },
      },
      config: { guard: { permission: 'organization:update', at: 'the organization', target: organizationTarget } },
    },
    async (request) => {
      const organization = organizationOf(engine(), request.params.organization);
      const { enabled } = request.body;
      const before = await policyOf(organization.id);
      const roleId =
        request.body.role === undefined
          ? (before.row?.role ?? null)
          : request.body.role === null
            ? null
            : roleOf(engine(), request.body.role, organization.id).id;
      const effective = roleId ?? engine().settings.organizationDefaults.signUpRole;
      if (enabled && effective === undefined)
        throw new TesseraError(
          'INVALID',
          'the installation has no default sign-up role: name the role self-signed-up users get (role)',
          { entity: 'organization', id: organization.id },
        );
      // Turning sign-up off is always allowed; turning it on grants the role to whoever signs up.
      if (enabled && effective !== undefined) {
        const actor = actorOf(request).id;
        enforce(
          rules.canCreateMapping(engine(), actor, {
            role: effective,
            subject: { kind: 'user', id: actor },
            target: { level: 'organization', id: organization.id },
          }),
        );
      }
      const row: SignUpSettingRow = {
        organization: organization.id,
        enabled: enabled ? 1 : 0,
        role: roleId,
        updated_at: new Date().toISOString(),
      };
      const record = (r: SignUpSettingRow | undefined) =>
        r === undefined ? null : { enabled: r.enabled === 1, role: r.role };
      await context.store.transact(
        async (tx) => {
          await tx.deleteFrom('sign_up_settings').where('organization', '=', organization.id).execute();
          await tx.insertInto('sign_up_settings').values(row).execute();
        },
        {
          ...auditOf(request, 'sign-up.setting', `organization:${organization.id}`),
          effects: [{ kind: 'signUpSetting', key: organization.id, before: record(before.row), after: record(row) }],
        },
      );
      return settingOf(organization);
    },
  );

  app.get(
    '/v1/sign-up',
    {
      schema: {
        tags: ['sign-up'],
        summary: 'Whether an organization allows self sign-up (for the sign-in page)',
        description: 'An unknown organization answers `enabled: false`, like one that does not allow it.',
        querystring: Type.Object({ organization: Reference }),
        response: { 200: Type.Object({ enabled: Type.Boolean() }), '4xx': Problem },
      },
      config: { public: true },
    },
    async (request) => {
      const organization = findOrganization(engine(), request.query.organization);
      if (organization === undefined) return { enabled: false };
      const policy = await policyOf(organization.id);
      return { enabled: policy.enabled && policy.role !== undefined };
    },
  );

  app.post(
    '/v1/sign-up',
    {
      schema: {
        tags: ['sign-up'],
        summary: 'Sign up to an organization that allows it; an email-verification link is mailed',
        description:
          "Nothing is created until the link in the message is followed (`POST /v1/sign-up/verify`): then the user is created, active, with the organization's sign-up role there. " +
          'An organization that does not allow sign-up, or does not exist, answers `sign-up-closed` (403); a username taken answers `duplicate` (409). ' +
          'A mail server that refuses the message answers `mail-refused` (502) and nothing is kept. ' +
          'Attempts are throttled per address and per email, like sign-in (429 with Retry-After).',
        body: Type.Object(
          { organization: Reference, username: Username, email: Email, password: Password },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({ expiresAt: Type.String(), delivery: DeliverySchema }),
          '4xx': Problem,
        },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { username, email, password } = request.body;
      const answered = limiterOf(context).attempt([request.ip, email.toLowerCase()], 'sign-ups');
      try {
        const organization = findOrganization(engine(), request.body.organization);
        const policy = organization === undefined ? undefined : await policyOf(organization.id);
        if (organization === undefined || policy === undefined || !policy.enabled || policy.role === undefined)
          throw new HttpProblem('sign-up-closed', CLOSED);
        const taken = engine().user(`${PRIMARY_STORE}/${username}`);
        if (taken !== undefined)
          throw new TesseraError('DUPLICATE', `the username "${username}" is taken`, {
            entity: 'user',
            name: username,
          });
        const token = newSecret('tsup');
        const now = Date.now();
        const expiresAt = new Date(now + SIGN_UP_TTL_MS).toISOString();
        const passwordHash = await hashPassword(password);
        // The message goes first: when the mail server refuses it, nothing is kept.
        const delivery = await deliver(
          context,
          {
            to: email,
            template: 'email-verification',
            data: {
              link: `${linkBase(context)}/console/verify-email?token=${encodeURIComponent(token)}`,
              username,
              organization: organization.name,
              expiresAt,
            },
          },
          { by: { actor: null, actorName: 'sign-up' }, about: `organization:${organization.id}` },
        );
        if (delivery.status === 'failed')
          throw new HttpProblem('mail-refused', `the mail server refused the verification message: ${delivery.error}`, {
            delivery,
          });
        await context.store.transact(
          (tx) =>
            tx
              .insertInto('sign_ups')
              .values({
                token_hash: secretHash(token),
                organization: organization.id,
                username,
                email,
                password_hash: passwordHash,
                created_at: new Date(now).toISOString(),
                expires_at: expiresAt,
                verified_at: null,
                user_id: null,
              })
              .execute(),
          {
            actor: null,
            actorName: 'sign-up',
            action: 'sign-up.request',
            target: `organization:${organization.id}`,
            effects: [
              {
                kind: 'signUp',
                key: `${organization.id}/${username}`,
                before: null,
                after: { username, email, expiresAt },
              },
            ],
          },
        );
        return reply.code(202).send({ expiresAt, delivery });
      } finally {
        answered();
      }
    },
  );

  app.post(
    '/v1/sign-up/verify',
    {
      schema: {
        tags: ['sign-up'],
        summary: 'Follow an email-verification link: the user is created, active, with the sign-up role',
        description:
          'A link works once, for 24 hours (`link-invalid`, 410, afterwards). The organization must still allow sign-up; a username taken meanwhile answers `duplicate`.',
        body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ user: UserSchema, revision: Revision }), '4xx': Problem },
      },
      config: { public: true },
    },
    async (request) => {
      const hash = secretHash(request.body.token);
      const row = await db().selectFrom('sign_ups').selectAll().where('token_hash', '=', hash).executeTakeFirst();
      const at = new Date().toISOString();
      if (row === undefined || row.verified_at !== null || row.expires_at <= at)
        throw new HttpProblem('link-invalid', 'the verification link is unknown, was used already or has expired');
      const organization = findOrganization(engine(), row.organization);
      const policy = organization === undefined ? undefined : await policyOf(organization.id);
      if (organization === undefined || policy === undefined || !policy.enabled || policy.role === undefined)
        throw new HttpProblem('sign-up-closed', CLOSED);
      if (engine().user(`${PRIMARY_STORE}/${row.username}`) !== undefined)
        throw new TesseraError('DUPLICATE', `the username "${row.username}" was taken meanwhile: sign up again`, {
          entity: 'user',
          name: row.username,
        });
      const user: User = {
        id: randomUUID(),
        username: row.username,
        store: PRIMARY_STORE,
        email: row.email,
        status: 'active',
      };
      const changes: Change[] = [
        { op: 'user.put', user },
        {
          op: 'mapping.add',
          mapping: {
            id: randomUUID(),
            role: policy.role.id,
            subject: { kind: 'user', id: user.id },
            target: { level: 'organization', id: organization.id },
          },
        },
      ];
      // Judged by the gate as the system: the new user has no rights to act with, and nobody signed
      // in makes this write. The organization's administrator consented when turning sign-up on,
      // and was judged then as granting this role at the organization (PUT …/sign-up); the gate
      // still checks integrity (the role exists and may be mapped at the organization).
      const { revision } = await context.store.write(changes, {
        actor: SYSTEM_ACTOR,
        audit: {
          actor: user.id,
          actorName: qualifiedUserName(user),
          action: 'sign-up.verify',
          target: `user:${user.id}`,
        },
        alongside: async (tx) => {
          const result = await tx
            .updateTable('sign_ups')
            .set({ verified_at: at, user_id: user.id })
            .where('token_hash', '=', hash)
            .where('verified_at', 'is', null)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0)
            throw new HttpProblem('link-invalid', 'the verification link was used meanwhile');
          await tx
            .insertInto('accounts')
            .values({ user_id: user.id, password_hash: row.password_hash, updated_at: at })
            .execute();
        },
      });
      return { user: engine().user(user.id) ?? user, revision };
    },
  );
}
