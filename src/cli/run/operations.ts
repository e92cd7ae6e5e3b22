import { randomUUID } from 'node:crypto';
import { OPERATOR_ACTOR } from '../../core/gate.js';
import { PRIMARY_STORE, type User, qualifiedUserName } from '../../core/model.js';
import { leaveOrganization } from '../../core/organization-members.js';
import { checkNoLockout } from '../../core/rules.js';
import { Credentials } from '../../server/credentials.js';
import { isOrganizationMember, organizationMembers, removeOrganizationMember } from '../../server/members.js';
import { newSecret, secretHash } from '../../server/passwords.js';
import { secretBoxFor } from '../../server/secret-box.js';
import { TwoFactor } from '../../server/two-factor.js';
import { tokenOf } from '../../server/scim/tokens.js';
import type { ScimTokenRow } from '../../store/schema.js';
import { CliError, print, printJson, table } from '../context.js';
import { notFound, organizationOf, userOf } from './directory.js';
import { cliAudit, databaseOf, enforce, withStore } from './store.js';

// ── members ──

export async function listMembers(
  reference: string,
  flags: { database?: string; search?: string; json?: boolean },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const organization = organizationOf(engine, reference);
    const needle = flags.search?.toLowerCase();
    const members = [...(await organizationMembers(store.database, organization.id))]
      .map(([id, joinedAt]) => ({ user: engine.users().find((u) => u.id === id), joinedAt }))
      .filter((m): m is { user: User; joinedAt: string } => m.user !== undefined)
      .filter(
        (m) =>
          needle === undefined ||
          m.user.username.toLowerCase().includes(needle) ||
          (m.user.email?.toLowerCase().includes(needle) ?? false),
      )
      .sort((a, b) => qualifiedUserName(a.user).localeCompare(qualifiedUserName(b.user)));
    if (flags.json === true)
      return printJson(
        members.map((m) => ({
          id: m.user.id,
          name: qualifiedUserName(m.user),
          email: m.user.email,
          status: m.user.status,
          joinedAt: m.joinedAt,
        })),
      );
    for (const line of table(
      ['USER', 'EMAIL', 'STATUS', 'JOINED'],
      members.map((m) => [qualifiedUserName(m.user), m.user.email ?? '', m.user.status, m.joinedAt]),
    ))
      print(line);
  });
}

export async function removeMember(
  reference: string,
  userReference: string,
  flags: { database?: string },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const organization = organizationOf(engine, reference);
    const user = engine.user(userReference) ?? engine.users().find((u) => u.id === userReference);
    if (user === undefined || !(await isOrganizationMember(store.database, organization.id, user.id)))
      throw new CliError(`user "${userReference}" is not a member of organization "${organization.name}"`);
    const changes = leaveOrganization(engine, organization.id, user.id);
    const audit = cliAudit('organization.member.remove', `user:${user.id}`);
    const remove = async (tx: Parameters<typeof removeOrganizationMember>[0]) => {
      if (!(await removeOrganizationMember(tx, organization.id, user.id))) throw notFound('member', userReference);
    };
    if (changes.length === 0)
      await store.transact(remove, {
        ...audit,
        effects: [
          { kind: 'organizationMember', key: `${organization.id}/${user.id}`, before: { joined: true }, after: null },
        ],
      });
    else {
      enforce(checkNoLockout(engine, changes));
      await store.write(changes, { actor: OPERATOR_ACTOR, audit, alongside: remove });
    }
    print(`removed ${qualifiedUserName(user)} from organization ${organization.name} at revision ${store.revision}`);
  });
}

// ── SCIM tokens ──

export async function listScimTokens(flags: {
  database?: string;
  organization?: string;
  json?: boolean;
}): Promise<void> {
  await withStore(flags, async (store) => {
    const organization = flags.organization === undefined ? null : organizationOf(store.engine, flags.organization);
    const query = store.database.selectFrom('scim_tokens').selectAll().orderBy('created_at').orderBy('id');
    const rows = await (organization === null
      ? query.where('organization', 'is', null)
      : query.where('organization', '=', organization.id)
    ).execute();
    if (flags.json === true) return printJson(rows.map(tokenOf));
    for (const line of table(
      ['ID', 'NAME', 'PREFIX', 'STORE', 'CREATED', 'LAST USED', 'REVOKED'],
      rows.map((r) => [r.id, r.name, r.prefix, r.store, r.created_at, r.last_used_at ?? '', r.revoked_at ?? '']),
    ))
      print(line);
  });
}

export async function createScimToken(
  name: string,
  flags: { database?: string; as: string; organization?: string; store?: string },
): Promise<void> {
  await withStore(flags, async (store) => {
    const engine = store.engine;
    const creator = userOf(engine, flags.as);
    if (creator.status !== 'active') throw new CliError(`user "${flags.as}" is not active: a token carries its rights`);
    const organization = flags.organization === undefined ? null : organizationOf(engine, flags.organization).id;
    const userStore = flags.store ?? PRIMARY_STORE;
    if (!engine.userStores().some((s) => s.name === userStore)) throw notFound('user store', userStore);
    const secret = newSecret('tscim');
    const row: ScimTokenRow = {
      id: randomUUID(),
      name,
      token_hash: secretHash(secret),
      prefix: secret.slice(0, 12),
      organization,
      store: userStore,
      created_by: creator.id,
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await store.transact(async (tx) => void (await tx.insertInto('scim_tokens').values(row).execute()), {
      ...cliAudit('scim-token.create', `scim-token:${row.id}`),
      effects: [{ kind: 'scim-token', key: row.id, before: null, after: tokenOf(row) }],
    });
    process.stderr.write(`created SCIM token ${row.id} (${name}); its secret, shown once:\n`);
    print(secret);
  });
}

export async function revokeScimToken(id: string, flags: { database?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    const row = await store.database.selectFrom('scim_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('SCIM token', id);
    if (row.revoked_at !== null) return print(`SCIM token ${id} was revoked already, at ${row.revoked_at}`);
    const revoked: ScimTokenRow = { ...row, revoked_at: new Date().toISOString() };
    await store.transact(
      async (tx) =>
        void (await tx
          .updateTable('scim_tokens')
          .set({ revoked_at: revoked.revoked_at })
          .where('id', '=', id)
          .execute()),
      {
        ...cliAudit('scim-token.revoke', `scim-token:${id}`),
        effects: [{ kind: 'scim-token', key: id, before: tokenOf(row), after: tokenOf(revoked) }],
      },
    );
    print(`revoked SCIM token ${id} (${row.name})`);
  });
}

// ── two-factor ──

export async function resetTwoFactor(reference: string, flags: { database?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    const user = userOf(store.engine, reference);
    const twoFactor = new TwoFactor(store, new Credentials(store), secretBoxFor(databaseOf(flags)));
    const removed = await twoFactor.remove(user.id, cliAudit('two-factor.reset', `user:${user.id}`), true);
    if (!removed) throw new CliError(`user "${qualifiedUserName(user)}" has no second factor`);
    print(`reset the second factor of ${qualifiedUserName(user)}; their sessions ended`);
  });
}

// ── outbox ──

export async function listOutbox(flags: {
  database?: string;
  to?: string;
  limit?: number;
  json?: boolean;
}): Promise<void> {
  await withStore(flags, async (store) => {
    const wanted = flags.to?.toLowerCase();
    const rows = (await store.database.selectFrom('mail_outbox').selectAll().execute())
      .filter((r) => wanted === undefined || r.recipient.toLowerCase() === wanted)
      .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1))
      .slice(0, flags.limit ?? 50);
    if (flags.json === true)
      return printJson(
        rows.map((r) => ({
          id: r.id,
          to: r.recipient,
          from: r.sender,
          template: r.template,
          subject: r.subject,
          text: r.text_body,
          html: r.html_body,
          createdAt: r.created_at,
        })),
      );
    for (const line of table(
      ['TIME', 'ID', 'TO', 'SUBJECT'],
      rows.map((r) => [r.created_at, r.id, r.recipient, r.subject]),
    ))
      print(line);
  });
}

export async function showOutbox(id: string, flags: { database?: string }): Promise<void> {
  await withStore(flags, async (store) => {
    const row = await store.database.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('outbox message', id);
    print(`From: ${row.sender}`);
    print(`To: ${row.recipient}`);
    print(`Subject: ${row.subject}`);
    print(`Date: ${row.created_at}`);
    print(`Template: ${row.template}`);
    print();
    print(row.text_body.replace(/\n$/, ''));
  });
}
