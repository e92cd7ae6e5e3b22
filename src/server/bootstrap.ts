import { randomUUID } from 'node:crypto';
import type { Change } from '../core/changes.js';
import { TesseraError } from '../core/errors.js';
import { SYSTEM_ACTOR } from '../core/gate.js';
import { ALL_PERMISSIONS, PRIMARY_STORE, type Organization, type User, roleRecord } from '../core/model.js';
import { planDocument } from '../document/index.js';
import { PRESETS, presetResolver } from '../presets/index.js';
import { applyDocumentToStore } from '../store/documents.js';
import type { AuditContext, Store } from '../store/store.js';
import type { ServerSettings } from './config.js';
import { requireRecordedPreset } from './installation-preset.js';
import { generatePassword, hashPassword } from './passwords.js';

export const HOME_ORGANIZATION_KEY = 'home_organization';
const BOOTSTRAP: AuditContext = { actor: null, actorName: 'bootstrap', action: 'bootstrap' };

export interface BootstrapResult {
  /** The home organization's id. */
  readonly home: string;
  /** True when this start bootstrapped the installation. */
  readonly created: boolean;
  /** The admin account's username, when bootstrap created one. */
  readonly adminUsername: string | null;
  /** The generated password, to show once; null when it came from configuration or nothing was created. */
  readonly generatedPassword: string | null;
}

/**
 * The first start (docs/administration.md#the-admin-bootstrap): loads the preset into an empty database, names the
 * admin role (the preset's, renamed when configured; created when the preset has none), creates
 * the home organization with the preset's defaults and the super-admin account holding the admin
 * role there, its password from configuration or generated. Later starts find the home
 * organization and change nothing.
 */
export async function bootstrap(store: Store, settings: ServerSettings): Promise<BootstrapResult> {
  const meta = await store.database
    .selectFrom('server_meta')
    .select('value')
    .where('key', '=', HOME_ORGANIZATION_KEY)
    .executeTakeFirst();
  if (meta !== undefined) {
    await store.sync();
    if (store.engine.organizations().some((o) => o.id === meta.value)) {
      if (settings.presetExplicit === true) await requireRecordedPreset(store, settings.preset);
      return { home: meta.value, created: false, adminUsername: null, generatedPassword: null };
    }
  }
  if (store.revision === 0) {
    if (presetResolver(settings.preset) === undefined) {
      throw new TesseraError('NOT_FOUND', `unknown preset "${settings.preset}" (known: ${PRESETS.join(', ')})`, {
        entity: 'preset',
        id: settings.preset,
      });
    }
    await applyDocumentToStore(
      store,
      { preset: settings.preset },
      {
        presets: presetResolver,
        write: {
          actor: SYSTEM_ACTOR,
          audit: { ...BOOTSTRAP, action: 'preset.load', target: `preset:${settings.preset}` },
        },
      },
    );
  }
  const engine = store.engine;
  const changes: Change[] = [];

  // The admin role: the preset's, renamed when configured, or a new one holding everything.
  let adminRole = engine.settings.adminRole === null ? undefined : engine.role(engine.settings.adminRole);
  const wantedName = settings.adminRole ?? adminRole?.name ?? 'admin';
  if (adminRole === undefined) {
    adminRole =
      engine.findRole(wantedName) ??
      roleRecord({
        id: randomUUID(),
        name: wantedName,
        permissions: [ALL_PERMISSIONS],
        predefined: true,
        description: 'Administers the installation.',
      });
    changes.push({ op: 'role.put', role: adminRole });
    changes.push({ op: 'settings.set', settings: { ...engine.settings, adminRole: adminRole.id } });
  } else if (adminRole.name !== wantedName) {
    adminRole = { ...adminRole, name: wantedName };
    changes.push({ op: 'role.put', role: adminRole });
  }

  // The home organization, with the preset's default groups and mappings.
  let home: Organization | undefined = engine.organizations().find((o) => o.name === settings.organization);
  if (home === undefined) {
    const plan = planDocument(
      engine,
      { organizations: [{ name: settings.organization }] },
      { presets: presetResolver },
    );
    if (!plan.ok) throw new TesseraError('INVALID', plan.errors.map((e) => e.message).join('; '));
    changes.push(...plan.changes);
    for (const change of plan.changes) if (change.op === 'organization.put') home = change.organization;
  }
  const homeId = home!.id;

  // The super admin: in the home organization's group holding the admin role, or mapped directly.
  let admin: User | undefined;
  let generatedPassword: string | null = null;
  let passwordHash: string | null = null;
  if (settings.createAdminAccount) {
    admin = engine.user(`${PRIMARY_STORE}/${settings.adminUsername}`);
    if (admin === undefined) {
      admin = {
        id: randomUUID(),
        username: settings.adminUsername,
        store: PRIMARY_STORE,
        email: null,
        status: 'active',
      };
      changes.push({ op: 'user.put', user: admin });
    }
    const adminGroup = [...engine.groups(), ...changes.flatMap((c) => (c.op === 'group.put' ? [c.group] : []))].find(
      (g) =>
        g.organization === homeId &&
        [...engine.mappings(), ...changes.flatMap((c) => (c.op === 'mapping.add' ? [c.mapping] : []))].some(
          (m) =>
            m.role === adminRole!.id &&
            m.subject.kind === 'group' &&
            m.subject.id === g.id &&
            m.target.level === 'organization' &&
            m.target.id === homeId,
        ),
    );
    if (adminGroup !== undefined)
      changes.push({ op: 'member.add', membership: { group: adminGroup.id, user: admin.id } });
    else
      changes.push({
        op: 'mapping.add',
        mapping: {
          id: randomUUID(),
          role: adminRole.id,
          subject: { kind: 'user', id: admin.id },
          target: { level: 'organization', id: homeId },
        },
      });
    if (settings.adminPassword === null) generatedPassword = generatePassword();
    passwordHash = await hashPassword(settings.adminPassword ?? generatedPassword!);
  }

  const now = new Date().toISOString();
  const adminId = admin?.id;
  await store.write(dedupe(engine, changes), {
    actor: SYSTEM_ACTOR,
    audit: { ...BOOTSTRAP, target: `organization:${homeId}` },
    alongside: async (tx) => {
      await tx.deleteFrom('server_meta').where('key', '=', HOME_ORGANIZATION_KEY).execute();
      await tx.insertInto('server_meta').values({ key: HOME_ORGANIZATION_KEY, value: homeId }).execute();
      if (adminId !== undefined && passwordHash !== null) {
        await tx.deleteFrom('accounts').where('user_id', '=', adminId).execute();
        await tx
          .insertInto('accounts')
          .values({ user_id: adminId, password_hash: passwordHash, updated_at: now })
          .execute();
      }
    },
  });
  return {
    home: homeId,
    created: true,
    adminUsername: admin === undefined ? null : settings.adminUsername,
    generatedPassword,
  };
}

/** Drops a membership the engine already has (a re-run after a partial setup by hand). */
function dedupe(engine: Store['engine'], changes: Change[]): Change[] {
  return changes.filter(
    (c) => c.op !== 'member.add' || !engine.members(c.membership.group).includes(c.membership.user),
  );
}
