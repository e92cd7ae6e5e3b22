import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { planDirectorySync, type SyncSummary } from '../../core/directory-sync.js';
import { TesseraError } from '../../core/errors.js';
import { SYSTEM_ACTOR } from '../../core/gate.js';
import type { User, UserStore } from '../../core/model.js';
import type { AuditContext, Store } from '../../store/index.js';
import { HttpProblem, problemOf } from '../problem.js';
import {
  DirectoryError,
  LDAP_DEFAULTS,
  type LdapConfig,
  bindAsUser,
  listDirectoryGroups,
  listDirectoryUsers,
  normalizeDn,
  parseFilter,
  readDirectory,
  signInNewUser,
  testDirectory,
} from './ldap-directory.js';
import { planDirectoryUser } from '../../core/directory-user.js';
import { LDAP_WRITE_DEFAULTS, type LdapWriteSettings, type WritableDirectory } from './ldap-write.js';
import type { SecretBox } from '../secret-box.js';

/** The `ldap_stores` table (migration 0009-ldap-stores), typed for this module only. */
interface LdapStoreRow {
  name: string;
  url: string;
  bind_dn: string;
  bind_secret: string;
  user_base_dn: string;
  group_base_dn: string;
  user_filter: string;
  group_filter: string;
  username_attribute: string;
  email_attribute: string;
  group_name_attribute: string;
  member_attribute: string;
  organization: string;
  sync_interval_s: number;
  timeout_ms: number;
  created_at: string;
  updated_at: string;
  last_sync: string | null;
  /** Migration 0012-ldap-write: 1 read-only (the default), 0 read-write. */
  read_only: number;
  write_user_base_dn: string | null;
  write_group_base_dn: string | null;
  user_object_classes: string;
  group_object_classes: string;
}
interface LdapTables {
  ldap_stores: LdapStoreRow;
  /** Migration 0013-ldap-user-status: users of read-write stores an administrator disabled. */
  ldap_user_status: { user_id: string; store: string; status: string; updated_at: string };
}

/** Default period of the background synchronisation, in seconds. */
export const DEFAULT_SYNC_INTERVAL_S = 300;
export const MIN_SYNC_INTERVAL_S = 1;

/** An LDAP store's settings as the API shows them: never the bind secret. */
export interface LdapStoreView {
  readonly name: string;
  readonly url: string;
  readonly bindDn: string;
  readonly userBaseDn: string;
  readonly groupBaseDn: string;
  readonly userFilter: string;
  readonly groupFilter: string;
  readonly attributes: { username: string; email: string; groupName: string; member: string };
  readonly organization: string;
  readonly syncIntervalSeconds: number;
  readonly timeoutMs: number;
  readonly lastSync: SyncOutcome | null;
  readonly directory: DirectoryHealth;
  /** False: Tessera writes its changes of the store's users and groups to the directory first. */
  readonly readOnly: boolean;
  /** Where and how a read-write store writes new users and groups. */
  readonly write: {
    userBaseDn: string;
    groupBaseDn: string;
    userObjectClasses: string[];
    groupObjectClasses: string[];
  };
}

/** A read-write store's write settings as given: defaults are the search bases and `LDAP_WRITE_DEFAULTS`. */
export interface LdapWriteInput {
  readonly userBaseDn?: string;
  readonly groupBaseDn?: string;
  readonly userObjectClasses?: readonly string[];
  readonly groupObjectClasses?: readonly string[];
}

/** The input of adding an LDAP store (the bind secret in clear, sealed before it is stored). */
export interface LdapStoreInput {
  readonly url: string;
  readonly bindDn: string;
  readonly bindPassword: string;
  readonly userBaseDn: string;
  readonly groupBaseDn?: string;
  readonly userFilter?: string;
  readonly groupFilter?: string;
  readonly attributes?: Partial<LdapStoreView['attributes']>;
  readonly organization: string;
  readonly syncIntervalSeconds?: number;
  readonly timeoutMs?: number;
  /** Default true; false makes a read-write store (docs/user-stores.md#read-write-stores). */
  readonly readOnly?: boolean;
  readonly write?: LdapWriteInput;
}

/** One synchronisation's outcome, kept as the store's `lastSync`. */
export interface SyncOutcome {
  readonly at: string;
  readonly ok: boolean;
  /** What started it: `add`, `manual`, `periodic`, `cli`. */
  readonly trigger: string;
  readonly durationMs: number;
  /** The revision of the write, null when nothing changed or it failed. */
  readonly revision: number | null;
  readonly summary: SyncSummary | null;
  /** The problem type and detail of a failed synchronisation. */
  readonly error: { readonly type: string; readonly detail: string } | null;
}

/** Whether the directory answered when last asked. */
export interface DirectoryHealth {
  readonly status: 'connected' | 'unavailable' | 'unknown';
  /** ISO 8601: since when; null while unknown. */
  readonly since: string | null;
  readonly lastError: string | null;
}

/** The problem a directory failure is answered with. */
export function directoryProblem(error: unknown): unknown {
  if (!(error instanceof DirectoryError)) return error;
  if (error.kind === 'unavailable') return new HttpProblem('directory-unavailable', error.message, { retryAfter: 5 });
  if (error.kind === 'credentials') return new HttpProblem('directory-credentials', error.message);
  if (error.kind === 'refused') return new HttpProblem('directory-refused', error.message);
  return new HttpProblem('directory-invalid', error.message);
}

/** The `ldap_stores` columns that hold a store's directory settings (the bind secret apart: it is sealed). */
function directoryColumns(config: LdapConfig) {
  return {
    url: config.url,
    bind_dn: config.bindDn,
    user_base_dn: config.userBaseDn,
    group_base_dn: config.groupBaseDn,
    user_filter: config.userFilter,
    group_filter: config.groupFilter,
    username_attribute: config.usernameAttribute,
    email_attribute: config.emailAttribute,
    group_name_attribute: config.groupNameAttribute,
    member_attribute: config.memberAttribute,
    timeout_ms: config.timeoutMs,
  };
}

/**
 * LDAP user stores: their settings (secret sealed), synchronisation into the model through the
 * store's write path (the gate, as the system, `userStoreSync`), sign-in by bind, and each
 * directory's health. One per server (or CLI command).
 */
export class LdapStores {
  readonly #store: Store;
  readonly #secrets: SecretBox;
  readonly #health = new Map<string, DirectoryHealth>();
  readonly #running = new Map<string, Promise<SyncOutcome>>();
  readonly #lastOk = new Map<string, number>();
  readonly #provisioning = new Map<string, Promise<User | null>>();
  #timer: NodeJS.Timeout | undefined;
  #schedule = new Map<string, { intervalMs: number; next: number }>();
  #scheduleLoadedAt = 0;

  constructor(store: Store, secrets: SecretBox) {
    this.#store = store;
    this.#secrets = secrets;
  }

  get #db(): Kysely<LdapTables> {
    return this.#store.database as unknown as Kysely<LdapTables>;
  }

  async rows(): Promise<LdapStoreRow[]> {
    return await this.#db.selectFrom('ldap_stores').selectAll().orderBy('name').execute();
  }

  async row(name: string): Promise<LdapStoreRow | undefined> {
    return await this.#db.selectFrom('ldap_stores').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async require(name: string): Promise<LdapStoreRow> {
    const row = await this.row(name);
    if (row === undefined)
      throw new TesseraError('NOT_FOUND', `"${name}" is not an LDAP user store`, { entity: 'LDAP store', id: name });
    return row;
  }

  view(row: LdapStoreRow): LdapStoreView {
    return {
      name: row.name,
      url: row.url,
      bindDn: row.bind_dn,
      userBaseDn: row.user_base_dn,
      groupBaseDn: row.group_base_dn,
      userFilter: row.user_filter,
      groupFilter: row.group_filter,
      attributes: {
        username: row.username_attribute,
        email: row.email_attribute,
        groupName: row.group_name_attribute,
        member: row.member_attribute,
      },
      organization: row.organization,
      syncIntervalSeconds: Number(row.sync_interval_s),
      timeoutMs: Number(row.timeout_ms),
      lastSync: row.last_sync === null ? null : (JSON.parse(row.last_sync) as SyncOutcome),
      directory: this.health(row.name),
      readOnly: Number(row.read_only) !== 0,
      write: (({ userObjectClasses, groupObjectClasses, ...bases }) => ({
        ...bases,
        userObjectClasses: [...userObjectClasses],
        groupObjectClasses: [...groupObjectClasses],
      }))(this.writeSettings(row)),
    };
  }

  writeSettings(row: LdapStoreRow): LdapWriteSettings {
    const classes = (list: string) =>
      list
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== '');
    return {
      userBaseDn: row.write_user_base_dn ?? row.user_base_dn,
      groupBaseDn: row.write_group_base_dn ?? row.group_base_dn,
      userObjectClasses: classes(row.user_object_classes),
      groupObjectClasses: classes(row.group_object_classes),
    };
  }

  /** A read-write store's directory, its secret unsealed; null for a read-only one or a store that is not LDAP. */
  async writable(name: string): Promise<WritableDirectory | null> {
    const row = await this.row(name);
    if (row === undefined || Number(row.read_only) !== 0) return null;
    return {
      store: row.name,
      organization: row.organization,
      config: this.config(row),
      write: this.writeSettings(row),
    };
  }

  health(name: string): DirectoryHealth {
    return this.#health.get(name) ?? { status: 'unknown', since: null, lastError: null };
  }

  /** Every LDAP store's directory health, as `/healthz` and `/metrics` report it. */
  healthAll(): { name: string; health: DirectoryHealth }[] {
    return [...this.#health.entries()].map(([name, health]) => ({ name, health }));
  }

  /** When each store last synchronised successfully on this server, ms since the epoch. */
  lastSuccessfulSyncs(): { name: string; at: number }[] {
    return [...this.#lastOk.entries()].map(([name, at]) => ({ name, at }));
  }

  #saw(name: string, error: unknown): void {
    const now = new Date().toISOString();
    const previous = this.health(name);
    if (error === null) {
      if (previous.status !== 'connected') this.#health.set(name, { status: 'connected', since: now, lastError: null });
      return;
    }
    if (!(error instanceof DirectoryError) || error.kind !== 'unavailable') return;
    this.#health.set(name, {
      status: 'unavailable',
      since: previous.status === 'unavailable' ? previous.since : now,
      lastError: error.message,
    });
  }

  /** The configuration of a row, the secret unsealed. */
  config(row: LdapStoreRow): LdapConfig {
    const bindPassword = this.#secrets.decrypt(row.bind_secret);
    if (bindPassword === null)
      throw new HttpProblem(
        'directory-secret',
        `the bind secret of "${row.name}" was sealed under another secret key: set TESSERA_SECRET_KEY as when it was stored, or set the secret again`,
      );
    return {
      url: row.url,
      bindDn: row.bind_dn,
      bindPassword,
      userBaseDn: row.user_base_dn,
      groupBaseDn: row.group_base_dn,
      userFilter: row.user_filter,
      groupFilter: row.group_filter,
      usernameAttribute: row.username_attribute,
      emailAttribute: row.email_attribute,
      groupNameAttribute: row.group_name_attribute,
      memberAttribute: row.member_attribute,
      timeoutMs: Number(row.timeout_ms),
    };
  }

  /** Runs a directory operation for a store, recording the directory's health, answering failures as problems. */
  async #ask<T>(name: string | null, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      if (name !== null) this.#saw(name, null);
      return result;
    } catch (error) {
      if (name !== null) this.#saw(name, error);
      throw directoryProblem(error);
    }
  }

  /** Binds and counts what the filters match, for a saved store or a configuration not saved yet. */
  async test(target: string | LdapConfig): Promise<{ users: number; groups: number; ms: number }> {
    if (typeof target === 'string') {
      const config = this.config(await this.require(target));
      return this.#ask(target, () => testDirectory(config));
    }
    return this.#ask(null, () => testDirectory(target));
  }

  async directoryUsers(name: string, search?: string) {
    const config = this.config(await this.require(name));
    return this.#ask(name, () => listDirectoryUsers(config, search));
  }

  async directoryGroups(name: string, search?: string) {
    const config = this.config(await this.require(name));
    return this.#ask(name, () => listDirectoryGroups(config, search));
  }

  /** The full configuration of an input, defaults filled in; throws `validation` for bad filters. */
  configOf(input: LdapStoreInput): LdapConfig {
    const config: LdapConfig = {
      url: input.url,
      bindDn: input.bindDn,
      bindPassword: input.bindPassword,
      userBaseDn: input.userBaseDn,
      groupBaseDn: input.groupBaseDn ?? input.userBaseDn,
      userFilter: input.userFilter ?? LDAP_DEFAULTS.userFilter,
      groupFilter: input.groupFilter ?? LDAP_DEFAULTS.groupFilter,
      usernameAttribute: input.attributes?.username ?? LDAP_DEFAULTS.usernameAttribute,
      emailAttribute: input.attributes?.email ?? LDAP_DEFAULTS.emailAttribute,
      groupNameAttribute: input.attributes?.groupName ?? LDAP_DEFAULTS.groupNameAttribute,
      memberAttribute: input.attributes?.member ?? LDAP_DEFAULTS.memberAttribute,
      timeoutMs: input.timeoutMs ?? LDAP_DEFAULTS.timeoutMs,
    };
    if (!/^ldaps?:\/\//i.test(config.url))
      throw new HttpProblem('validation', `the URL "${config.url}" must start with ldap:// or ldaps://`);
    try {
      parseFilter(config.userFilter, 'user filter');
      parseFilter(config.groupFilter, 'group filter');
    } catch (error) {
      throw new HttpProblem('validation', (error as Error).message);
    }
    return config;
  }

  /**
   * Adds an LDAP user store: tests the directory first (a refused bind, an unreachable directory or
   * a user filter matching nobody is refused and nothing is written), then writes the store
   * (read-only unless `readOnly: false`) and its settings in one write, then synchronises it.
   */
  async add(
    name: string,
    description: string | null,
    input: LdapStoreInput,
    write: { actor: Parameters<Store['write']>[1]['actor']; audit: AuditContext },
  ): Promise<{ view: LdapStoreView; sync: SyncOutcome; revision: number }> {
    const config = this.configOf(input);
    if (this.#store.engine.userStores().some((s) => s.name.toUpperCase() === name.toUpperCase()))
      throw new TesseraError('DUPLICATE', `user store "${name}" exists already`, { entity: 'user store', id: name });
    const tested = await this.#ask(null, () => testDirectory(config));
    if (tested.users === 0)
      throw new HttpProblem(
        'directory-no-match',
        `the user filter ${config.userFilter} matches no user under ${config.userBaseDn}`,
      );
    const interval = input.syncIntervalSeconds ?? DEFAULT_SYNC_INTERVAL_S;
    const at = new Date().toISOString();
    const readOnly = input.readOnly ?? true;
    const writeSettings = this.#writeSettingsOf(config, input.write);
    const userStore: UserStore = { name, readOnly, description };
    const { revision } = await this.#store.write([{ op: 'userStore.put', userStore }], {
      actor: write.actor,
      audit: write.audit,
      alongside: async (tx) => {
        await (tx as unknown as Kysely<LdapTables>)
          .insertInto('ldap_stores')
          .values({
            name,
            ...directoryColumns(config),
            bind_secret: this.#secrets.encrypt(config.bindPassword),
            organization: input.organization,
            sync_interval_s: interval,
            created_at: at,
            updated_at: at,
            last_sync: null,
            read_only: readOnly ? 1 : 0,
            write_user_base_dn: input.write?.userBaseDn ?? null,
            write_group_base_dn: input.write?.groupBaseDn ?? null,
            user_object_classes: writeSettings.userObjectClasses.join(','),
            group_object_classes: writeSettings.groupObjectClasses.join(','),
          })
          .execute();
      },
    });
    this.#saw(name, null);
    this.#scheduleLoadedAt = 0;
    const sync = await this.sync(name, 'add', { actor: write.audit.actor, actorName: write.audit.actorName ?? null });
    return { view: this.view(await this.require(name)), sync, revision };
  }

  /** The write settings of an input, defaults filled in; a base outside the search base is refused (`validation`). */
  #writeSettingsOf(config: LdapConfig, input: LdapWriteInput | undefined): LdapWriteSettings {
    const settings: LdapWriteSettings = {
      userBaseDn: input?.userBaseDn ?? config.userBaseDn,
      groupBaseDn: input?.groupBaseDn ?? config.groupBaseDn,
      userObjectClasses: input?.userObjectClasses ?? LDAP_WRITE_DEFAULTS.userObjectClasses,
      groupObjectClasses: input?.groupObjectClasses ?? LDAP_WRITE_DEFAULTS.groupObjectClasses,
    };
    const within = (dn: string, base: string) =>
      normalizeDn(dn) === normalizeDn(base) || normalizeDn(dn).endsWith(`,${normalizeDn(base)}`);
    // A synchronisation searches the search bases: an entry written elsewhere would not be found.
    if (!within(settings.userBaseDn, config.userBaseDn))
      throw new HttpProblem(
        'validation',
        `new users' base DN "${settings.userBaseDn}" must be within the user base DN "${config.userBaseDn}"`,
      );
    if (!within(settings.groupBaseDn, config.groupBaseDn))
      throw new HttpProblem(
        'validation',
        `new groups' base DN "${settings.groupBaseDn}" must be within the group base DN "${config.groupBaseDn}"`,
      );
    for (const list of [settings.userObjectClasses, settings.groupObjectClasses])
      if (list.length === 0 || list.some((c) => !/^[A-Za-z][A-Za-z0-9-]*$/.test(c)))
        throw new HttpProblem('validation', 'object classes are names such as inetOrgPerson, groupOfNames');
    return settings;
  }

  /**
   * Changes an LDAP store's settings; a new directory, bind DN or secret is tested before it is
   * saved. `readOnly` switches the store between read-only and read-write
   * (docs/user-stores.md#switching-a-store-between-read-only-and-read-write): the store's model
   * record (`userStore.put`, judged by the gate as `actor`) and its settings change in one write.
   * Becoming read-write validates the write settings exactly as when a store is added (the new
   * `write`, or those kept from before: bases within the search bases, object classes); becoming
   * read-only keeps them, unused, for a later switch back.
   */
  async update(
    name: string,
    patch: Partial<LdapStoreInput>,
    audit: AuditContext,
    actor: Parameters<Store['write']>[1]['actor'] = SYSTEM_ACTOR,
  ): Promise<LdapStoreView> {
    const row = await this.require(name);
    const current = this.config(row);
    const input: LdapStoreInput = {
      url: patch.url ?? current.url,
      bindDn: patch.bindDn ?? current.bindDn,
      bindPassword: patch.bindPassword ?? current.bindPassword,
      userBaseDn: patch.userBaseDn ?? current.userBaseDn,
      groupBaseDn: patch.groupBaseDn ?? current.groupBaseDn,
      userFilter: patch.userFilter ?? current.userFilter,
      groupFilter: patch.groupFilter ?? current.groupFilter,
      attributes: {
        username: patch.attributes?.username ?? current.usernameAttribute,
        email: patch.attributes?.email ?? current.emailAttribute,
        groupName: patch.attributes?.groupName ?? current.groupNameAttribute,
        member: patch.attributes?.member ?? current.memberAttribute,
      },
      organization: row.organization,
      syncIntervalSeconds: patch.syncIntervalSeconds ?? Number(row.sync_interval_s),
      timeoutMs: patch.timeoutMs ?? current.timeoutMs,
    };
    const config = this.configOf(input);
    const wasReadOnly = Number(row.read_only) !== 0;
    const readOnly = patch.readOnly ?? wasReadOnly;
    // The write settings as stored (null bases: the search bases), with the patch's on top.
    const writeInput: LdapWriteInput = {
      ...(row.write_user_base_dn === null ? {} : { userBaseDn: row.write_user_base_dn }),
      ...(row.write_group_base_dn === null ? {} : { groupBaseDn: row.write_group_base_dn }),
      userObjectClasses: this.writeSettings(row).userObjectClasses,
      groupObjectClasses: this.writeSettings(row).groupObjectClasses,
      ...patch.write,
    };
    // Judged before the directory is asked, as when a store is added; a read-only store keeps
    // settings that were valid once, but a new `write` is judged whatever the mode.
    const writeSettings =
      !readOnly || patch.write !== undefined ? this.#writeSettingsOf(config, writeInput) : this.writeSettings(row);
    const tested = await this.#ask(name, () => testDirectory(config));
    if (tested.users === 0)
      throw new HttpProblem(
        'directory-no-match',
        `the user filter ${config.userFilter} matches no user under ${config.userBaseDn}`,
      );
    const at = new Date().toISOString();
    const changed = Object.keys(patch).filter((k) => k !== 'bindPassword' && k !== 'readOnly');
    if (readOnly !== wasReadOnly) changed.push('readOnly');
    const save = async (tx: unknown) => {
      await (tx as Kysely<LdapTables>)
        .updateTable('ldap_stores')
        .set({
          ...directoryColumns(config),
          ...(patch.bindPassword === undefined ? {} : { bind_secret: this.#secrets.encrypt(config.bindPassword) }),
          sync_interval_s: input.syncIntervalSeconds ?? DEFAULT_SYNC_INTERVAL_S,
          updated_at: at,
          read_only: readOnly ? 1 : 0,
          ...(patch.write === undefined
            ? {}
            : {
                write_user_base_dn: writeInput.userBaseDn ?? null,
                write_group_base_dn: writeInput.groupBaseDn ?? null,
                user_object_classes: writeSettings.userObjectClasses.join(','),
                group_object_classes: writeSettings.groupObjectClasses.join(','),
              }),
        })
        .where('name', '=', name)
        .execute();
    };
    const effect = {
      kind: 'ldapStore',
      key: name,
      before: null,
      after: {
        changed: [...changed, ...(patch.bindPassword === undefined ? [] : ['bindSecret'])],
        ...(readOnly === wasReadOnly ? {} : { readOnly }),
      },
    };
    if (readOnly === wasReadOnly) {
      await this.#store.transact(save, { ...audit, effects: [effect] });
    } else {
      // The gate's read-only rule reads the model's record: it and the settings change together.
      const userStore = this.#store.engine.userStores().find((s) => s.name === name);
      if (userStore === undefined)
        throw new TesseraError('NOT_FOUND', `"${name}" is not a user store`, { entity: 'user store', id: name });
      await this.#store.write([{ op: 'userStore.put', userStore: { ...userStore, readOnly } }], {
        actor,
        audit,
        alongside: save,
      });
    }
    this.#scheduleLoadedAt = 0;
    return this.view(await this.require(name));
  }

  /**
   * Synchronises one store now (docs/user-stores.md#synchronisation): reads the directory, plans
   * the changes (`planDirectorySync`) and writes them through the store as the system, audited
   * under `userStore.sync` with the actor who asked. Concurrent calls for one store share a run.
   * A directory that cannot be read changes nothing; a user filter that matches nobody while the
   * store has users is refused (`directory-no-match`) rather than disabling everyone.
   */
  async sync(
    name: string,
    trigger: string,
    who: { actor: string | null; actorName: string | null } = { actor: null, actorName: `ldap-sync:${name}` },
  ): Promise<SyncOutcome> {
    const running = this.#running.get(name);
    if (running !== undefined) return running;
    const run = this.#syncNow(name, trigger, who).finally(() => this.#running.delete(name));
    this.#running.set(name, run);
    return run;
  }

  async #syncNow(
    name: string,
    trigger: string,
    who: { actor: string | null; actorName: string | null },
  ): Promise<SyncOutcome> {
    const started = performance.now();
    const at = new Date().toISOString();
    const row = await this.require(name);
    let outcome: SyncOutcome;
    try {
      const config = this.config(row);
      const directory = await this.#ask(name, () => readDirectory(config));
      await this.#store.sync();
      const engine = this.#store.engine;
      const hasUsers = engine.users().some((u) => u.store === name && u.status !== 'disabled');
      if (directory.users.length === 0 && hasUsers)
        throw new HttpProblem(
          'directory-no-match',
          `the user filter ${config.userFilter} now matches no user under ${config.userBaseDn}: nothing was changed (a filter matching nobody would disable every user of "${name}")`,
        );
      const organization = engine.organizations().some((o) => o.id === row.organization) ? row.organization : null;
      if (organization === null)
        throw new TesseraError('NOT_FOUND', `the organization of "${name}"'s groups no longer exists`, {
          entity: 'organization',
          id: row.organization,
        });
      const disabled = await this.#db
        .selectFrom('ldap_user_status')
        .select('user_id')
        .where('store', '=', name)
        .where('status', '=', 'disabled')
        .execute();
      const plan = planDirectorySync(
        engine,
        name,
        organization,
        directory,
        randomUUID,
        new Set(disabled.map((row) => row.user_id)),
      );
      let revision: number | null = null;
      if (plan.changes.length > 0) {
        const result = await this.#store.write(plan.changes, {
          actor: SYSTEM_ACTOR,
          userStoreSync: true,
          audit: { actor: who.actor, actorName: who.actorName, action: 'userStore.sync', target: `userStore:${name}` },
        });
        revision = result.revision;
      }
      outcome = {
        at,
        ok: true,
        trigger,
        durationMs: Math.round(performance.now() - started),
        revision,
        summary: plan.summary,
        error: null,
      };
    } catch (error) {
      const problem = directoryProblem(error);
      const document = problemOf(problem);
      outcome = {
        at,
        ok: false,
        trigger,
        durationMs: Math.round(performance.now() - started),
        revision: null,
        summary: null,
        error: { type: document.type, detail: document.detail },
      };
      await this.#record(name, outcome).catch(() => undefined);
      throw problem;
    }
    this.#lastOk.set(name, Date.parse(at));
    await this.#record(name, outcome).catch(() => undefined);
    return outcome;
  }

  async #record(name: string, outcome: SyncOutcome): Promise<void> {
    await this.#db
      .updateTable('ldap_stores')
      .set({ last_sync: JSON.stringify(outcome) })
      .where('name', '=', name)
      .execute();
  }

  /**
   * Signs a user of an LDAP store in by a bind; undefined for a user of any other store (who signs
   * in with a Tessera password). A directory that cannot be reached answers 503
   * `directory-unavailable`: it never blocks decisions, only sign-ins that need it.
   */
  async verifySignIn(user: User, password: string): Promise<boolean | undefined> {
    const store = this.#store.engine.userStores().find((s) => s.name === user.store);
    if (store === undefined || store.name === 'PRIMARY') return undefined;
    const row = await this.row(user.store);
    if (row === undefined) return undefined;
    const config = this.config(row);
    return this.#ask(user.store, () => bindAsUser(config, user.username, password));
  }

  /**
   * Signs in a user of an LDAP store Tessera does not know yet (just-in-time provisioning,
   * docs/user-stores.md#sign-in): a bind with the password; when it succeeds, the user, their
   * directory groups and memberships are written at once through the store's write path (the gate,
   * as the system, `userStoreSync`), audited as `userStore.provision`. Answers the new user, or
   * null when the password is wrong or the directory has no such user; undefined when `store` is
   * not an LDAP store (Tessera keeps those passwords). Concurrent first sign-ins of one user share
   * one write.
   */
  async provisionOnSignIn(storeName: string, username: string, password: string): Promise<User | null | undefined> {
    const store = this.#store.engine.userStores().find((s) => s.name.toUpperCase() === storeName.toUpperCase());
    if (store === undefined || store.name === 'PRIMARY') return undefined;
    const row = await this.row(store.name);
    if (row === undefined) return undefined;
    const config = this.config(row);
    const found = await this.#ask(store.name, () => signInNewUser(config, username, password));
    if (found === null) return null;
    const key = `${store.name}/${found.user.username}`.toLowerCase();
    const running = this.#provisioning.get(key);
    if (running !== undefined) return running;
    const run = this.#provision(store.name, row.organization, found).finally(() => this.#provisioning.delete(key));
    this.#provisioning.set(key, run);
    return run;
  }

  async #provision(
    store: string,
    organization: string,
    found: { user: { username: string; email: string | null }; groups: string[] },
  ): Promise<User | null> {
    await this.#store.sync();
    const engine = this.#store.engine;
    if (!engine.organizations().some((o) => o.id === organization))
      throw new TesseraError('NOT_FOUND', `the organization of "${store}"'s groups no longer exists`, {
        entity: 'organization',
        id: organization,
      });
    const plan = planDirectoryUser(engine, store, organization, found.user, found.groups, randomUUID);
    if (plan.changes.length > 0)
      await this.#store.write(plan.changes, {
        actor: SYSTEM_ACTOR,
        userStoreSync: true,
        audit: {
          actor: null,
          actorName: `ldap-sign-in:${store}`,
          action: 'userStore.provision',
          target: `user:${plan.userId}`,
        },
      });
    return this.#store.engine.users().find((u) => u.id === plan.userId) ?? null;
  }

  /**
   * Starts the periodic synchronisation: each store is synchronised every `syncIntervalSeconds`
   * (checked each second; settings reread every 10 s), so a change in the directory reaches
   * decisions within the interval plus one synchronisation's time.
   */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => void this.#tick().catch(() => undefined), 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #tick(): Promise<void> {
    const now = Date.now();
    if (now - this.#scheduleLoadedAt > 10_000) {
      const rows = await this.rows();
      const next = new Map<string, { intervalMs: number; next: number }>();
      for (const row of rows) {
        const intervalMs = Math.max(MIN_SYNC_INTERVAL_S, Number(row.sync_interval_s)) * 1000;
        const last = row.last_sync === null ? 0 : Date.parse((JSON.parse(row.last_sync) as SyncOutcome).at);
        const previous = this.#schedule.get(row.name);
        next.set(row.name, {
          intervalMs,
          next: Math.min(previous?.next ?? Number.POSITIVE_INFINITY, last + intervalMs),
        });
      }
      this.#schedule = next;
      this.#scheduleLoadedAt = now;
    }
    for (const [name, entry] of this.#schedule) {
      if (now < entry.next || this.#running.has(name)) continue;
      entry.next = now + entry.intervalMs;
      void this.sync(name, 'periodic').catch(() => undefined);
    }
  }
}
