import {
  AndFilter,
  Attribute,
  BerWriter,
  Change,
  type Client,
  EqualityFilter,
  NoSuchAttributeError,
  DN,
  ProtocolError,
  ResultCodeError,
  TypeOrValueExistsError,
  UnavailableCriticalExtensionError,
  UnwillingToPerformError,
} from 'ldapts';
import type { Change as ModelChange } from '../../core/changes.js';
import type { AccessEngine } from '../../core/engine.js';
import { PRIMARY_STORE, type User } from '../../core/model.js';
import { HttpProblem } from '../problem.js';
import { DirectoryError, type LdapConfig, normalizeDn, parseFilter, withService } from './ldap-directory.js';

/** Where and how a read-write LDAP store writes new entries (docs/user-stores.md#read-write-stores). */
export interface LdapWriteSettings {
  /** Where new users are written: `uid=<username>,<userBaseDn>`. Within the search base. */
  readonly userBaseDn: string;
  /** Where new groups are written: `cn=<name>,<groupBaseDn>`. Within the search base. */
  readonly groupBaseDn: string;
  readonly userObjectClasses: readonly string[];
  readonly groupObjectClasses: readonly string[];
}

export const LDAP_WRITE_DEFAULTS = {
  userObjectClasses: ['inetOrgPerson'],
  groupObjectClasses: ['groupOfNames'],
} as const;

/** One writable store, as a write reaches it. */
export interface WritableDirectory {
  readonly store: string;
  /** The organization the directory's groups live in. */
  readonly organization: string;
  readonly config: LdapConfig;
  readonly write: LdapWriteSettings;
}

/** A compensating operation the directory refused (or could not be reached for): what stays written there. */
export interface UndoFailure {
  readonly store: string;
  /** What could not be undone, in words (`delete the entry uid=hank,ou=people,…`). */
  readonly what: string;
  readonly error: string;
}

/**
 * Undoes what a directory write did (the compensating operations, newest first); answers the
 * ones that failed, so the caller makes them visible (docs/user-stores.md#read-write-stores).
 */
export type DirectoryUndo = () => Promise<UndoFailure[]>;

/** One compensating operation: what it undoes, in words, and how. */
interface UndoStep {
  readonly what: string;
  readonly run: (client: Client) => Promise<void>;
}

/** Runs compensating operations newest first, each tried whatever the others did; answers the failures. */
async function runUndo(store: string, client: Client, steps: readonly UndoStep[]): Promise<UndoFailure[]> {
  const failures: UndoFailure[] = [];
  for (const step of [...steps].reverse()) {
    try {
      await step.run(client);
    } catch (error) {
      failures.push({ store, what: step.what, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}

/** The whole undo failed (the directory cannot be reached): every step stays written. */
function allFailed(store: string, steps: readonly UndoStep[], error: unknown): UndoFailure[] {
  const message = error instanceof Error ? error.message : String(error);
  return [...steps].reverse().map((step) => ({ store, what: step.what, error: message }));
}

/** The user store a change of a user, group or membership touches; null for other changes. */
export function storeOfChange(
  engine: AccessEngine,
  changes: readonly ModelChange[],
  change: ModelChange,
): string | null {
  const groupStore = (id: string): string | null => {
    const group = engine.group(id);
    if (group !== undefined) return group.store;
    for (const c of changes) if (c.op === 'group.put' && c.group.id === id) return c.group.store;
    return null;
  };
  switch (change.op) {
    case 'user.put':
      return change.user.store;
    case 'user.delete':
      return engine.user(change.id)?.store ?? null;
    case 'group.put':
      return change.group.store;
    case 'group.delete':
      return groupStore(change.id);
    case 'member.add':
    case 'member.remove':
      return groupStore(change.membership.group);
    default:
      return null;
  }
}

/** The stores other than PRIMARY whose users, groups or memberships a batch changes. */
export function storesOfChanges(engine: AccessEngine, changes: readonly ModelChange[]): Set<string> {
  const stores = new Set<string>();
  for (const change of changes) {
    const store = storeOfChange(engine, changes, change);
    if (store !== null && store !== PRIMARY_STORE) stores.add(store);
  }
  return stores;
}

/** Whether the member attribute holds DNs (`member`, `uniqueMember`) rather than usernames (`memberUid`). */
function holdsDns(config: LdapConfig): boolean {
  return ['member', 'uniquemember'].includes(config.memberAttribute.toLowerCase());
}

/** The directory name of a Tessera group of a store: `CORP-LDAP/developers` → `developers`. */
export function directoryGroupName(store: string, name: string): string | null {
  const prefix = `${store}/`;
  if (name.length <= prefix.length || name.slice(0, prefix.length).toUpperCase() !== prefix.toUpperCase()) return null;
  return name.slice(prefix.length);
}

/**
 * Refuses, before the directory is touched, what a read-write store cannot hold: a group not
 * named `STORE/<name>` or outside the store's organization (a synchronisation would not find
 * it), a renamed user or group, a member from another user store. Answers 400 `validation`.
 */
export function checkDirectoryChanges(
  engine: AccessEngine,
  directory: WritableDirectory,
  changes: readonly ModelChange[],
): void {
  const { store } = directory;
  const refuse = (detail: string): never => {
    throw new HttpProblem('validation', detail);
  };
  const userStore = (id: string): string | undefined => {
    for (const c of changes) if (c.op === 'user.put' && c.user.id === id) return c.user.store;
    return engine.user(id)?.store;
  };
  for (const change of changes) {
    if (storeOfChange(engine, changes, change) !== store) continue;
    if (change.op === 'user.put') {
      const before = engine.user(change.user.id);
      if (before !== undefined && before.username !== change.user.username)
        refuse(`users of the read-write LDAP store "${store}" cannot be renamed: rename the entry in the directory`);
      if (change.user.username.includes('/')) refuse(`a username of "${store}" cannot contain "/"`);
    } else if (change.op === 'group.put') {
      const before = engine.group(change.group.id);
      if (before !== undefined && before.name !== change.group.name)
        refuse(`groups of the read-write LDAP store "${store}" cannot be renamed: rename the entry in the directory`);
      if (before === undefined && directoryGroupName(store, change.group.name) === null)
        refuse(`groups of the LDAP store "${store}" are named "${store}/<name>" (<name> is the directory's)`);
      if (change.group.organization !== directory.organization)
        refuse(`groups of the LDAP store "${store}" live in its organization "${directory.organization}"`);
    } else if (change.op === 'member.add') {
      const memberStore = userStore(change.membership.user);
      if (memberStore !== undefined && memberStore !== store)
        refuse(`only users of "${store}" can be members of its groups (the directory holds them)`);
    }
  }
}

/** An LDAP refusal of a write, in words; anything else (a lost connection) is left as it is. */
function refused(error: unknown, what: string): unknown {
  if (error instanceof DirectoryError) return error;
  if (error instanceof ResultCodeError)
    return new DirectoryError('refused', `the directory refused to ${what}: ${error.message}`);
  return error;
}

function values(value: Buffer | Buffer[] | string[] | string | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}

/** The writes of one batch on one directory, on a connection bound as the service account. */
class DirectoryWriter {
  readonly #client: Client;
  readonly #directory: WritableDirectory;
  readonly #engine: AccessEngine;
  readonly #passwords: ReadonlyMap<string, string>;
  /** Compensating operations, in the order the writes were made. */
  readonly undo: UndoStep[] = [];
  readonly #newUsers = new Map<string, { dn: string; username: string }>();
  readonly #newGroups = new Map<string, string>();

  constructor(
    client: Client,
    directory: WritableDirectory,
    engine: AccessEngine,
    passwords: ReadonlyMap<string, string>,
  ) {
    this.#client = client;
    this.#directory = directory;
    this.#engine = engine;
    this.#passwords = passwords;
  }

  get #config(): LdapConfig {
    return this.#directory.config;
  }

  async #find(base: string, filter: string, attribute: string, value: string): Promise<string | null> {
    const { searchEntries } = await this.#client.search(base, {
      scope: 'sub',
      filter: new AndFilter({
        filters: [parseFilter(filter, 'filter'), new EqualityFilter({ attribute, value })],
      }),
      attributes: ['1.1'],
    });
    return searchEntries.length === 1 ? searchEntries[0]!.dn : null;
  }

  async #userDn(id: string): Promise<{ dn: string; username: string } | null> {
    const created = this.#newUsers.get(id);
    if (created !== undefined) return created;
    const user = this.#engine.user(id);
    if (user === undefined) return null;
    const dn = await this.#find(
      this.#config.userBaseDn,
      this.#config.userFilter,
      this.#config.usernameAttribute,
      user.username,
    );
    return dn === null ? null : { dn, username: user.username };
  }

  async #groupDn(id: string): Promise<string | null> {
    const created = this.#newGroups.get(id);
    if (created !== undefined) return created;
    const group = this.#engine.group(id);
    const name = group === undefined ? null : directoryGroupName(this.#directory.store, group.name);
    if (name === null) return null;
    return this.#find(this.#config.groupBaseDn, this.#config.groupFilter, this.#config.groupNameAttribute, name);
  }

  /** An entry's attributes as `add` takes them, to put it back after a delete. */
  async #read(dn: string): Promise<Record<string, string[]>> {
    const { searchEntries } = await this.#client.search(dn, { scope: 'base', attributes: ['*'] });
    const entry = searchEntries[0];
    const attributes: Record<string, string[]> = {};
    if (entry === undefined) return attributes;
    for (const [key, value] of Object.entries(entry)) if (key !== 'dn') attributes[key] = values(value);
    return attributes;
  }

  async #memberValue(userId: string): Promise<string | null> {
    const user = await this.#userDn(userId);
    if (user === null) return null;
    return holdsDns(this.#config) ? user.dn : user.username;
  }

  /** Adds `value` to a group's members; true when it was not there. */
  async #addMember(client: Client, group: string, value: string): Promise<boolean> {
    const attribute = this.#config.memberAttribute;
    try {
      await client.modify(
        group,
        new Change({ operation: 'add', modification: new Attribute({ type: attribute, values: [value] }) }),
      );
    } catch (error) {
      if (error instanceof TypeOrValueExistsError) return false;
      throw error;
    }
    // A group created by Tessera holds itself while empty (groupOfNames needs a member): drop it now.
    if (holdsDns(this.#config) && normalizeDn(value) !== normalizeDn(group))
      await client
        .modify(
          group,
          new Change({ operation: 'delete', modification: new Attribute({ type: attribute, values: [group] }) }),
        )
        .catch(() => undefined);
    return true;
  }

  /** Removes `value` from a group's members, keeping the group valid; true when it was there. */
  async #removeMember(client: Client, group: string, value: string): Promise<boolean> {
    const attribute = this.#config.memberAttribute;
    const { searchEntries } = await client.search(group, { scope: 'base', attributes: [attribute] });
    const current = values(searchEntries[0]?.[attribute]);
    if (!current.some((v) => (holdsDns(this.#config) ? normalizeDn(v) === normalizeDn(value) : v === value)))
      return false;
    const changes = [
      new Change({ operation: 'delete', modification: new Attribute({ type: attribute, values: [value] }) }),
    ];
    // The last member of a DN-valued group: the group holds itself instead (groupOfNames needs one).
    if (holdsDns(this.#config) && current.length === 1)
      changes.unshift(
        new Change({ operation: 'add', modification: new Attribute({ type: attribute, values: [group] }) }),
      );
    try {
      await client.modify(group, changes);
    } catch (error) {
      if (error instanceof NoSuchAttributeError) return false;
      throw error;
    }
    return true;
  }

  async apply(change: ModelChange): Promise<void> {
    const config = this.#config;
    const write = this.#directory.write;
    switch (change.op) {
      case 'user.put': {
        const { user } = change;
        const before = this.#engine.user(user.id);
        if (before === undefined && !this.#newUsers.has(user.id)) {
          const dn = `${new DN({ [config.usernameAttribute]: user.username }).toString()},${write.userBaseDn}`;
          const attributes: Record<string, string[]> = {
            objectClass: [...write.userObjectClasses],
            [config.usernameAttribute]: [user.username],
          };
          const personLike = write.userObjectClasses.some((c) =>
            ['inetorgperson', 'organizationalperson', 'person'].includes(c.toLowerCase()),
          );
          if (personLike) {
            attributes.cn ??= [user.username];
            attributes.sn ??= [user.username];
          }
          if (user.email !== null) attributes[config.emailAttribute] = [user.email];
          const password = this.#passwords.get(user.id);
          if (password !== undefined) attributes.userPassword = [password];
          await this.#client.add(dn, attributes).catch((error) => {
            throw refused(error, `add the user ${dn}`);
          });
          this.#newUsers.set(user.id, { dn, username: user.username });
          this.undo.push({ what: `delete the new entry ${dn}`, run: (client) => client.del(dn) });
          return;
        }
        if (before === undefined) return;
        // A user's status is Tessera's own (docs/user-stores.md#a-users-status): nothing is written,
        // but a user enabled again must have an entry, or the next synchronisation disables them.
        if (before.status === 'disabled' && user.status !== 'disabled' && (await this.#userDn(user.id)) === null)
          throw new DirectoryError(
            'refused',
            `the directory has no entry for the user "${user.username}": a synchronisation would disable them again`,
          );
        const previous = before.email;
        if (previous === user.email) return;
        const found = await this.#userDn(user.id);
        if (found === null)
          throw new DirectoryError('refused', `the directory has no entry for the user "${user.username}"`);
        const replace = (email: string | null) =>
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: config.emailAttribute, values: email === null ? [] : [email] }),
          });
        await this.#client.modify(found.dn, replace(user.email)).catch((error) => {
          throw refused(error, `change the email of ${found.dn}`);
        });
        this.undo.push({
          what: `put back the email of ${found.dn} (${previous ?? 'none'})`,
          run: (client) => client.modify(found.dn, replace(previous)),
        });
        return;
      }
      case 'user.delete': {
        const found = await this.#userDn(change.id);
        if (found === null) return;
        const entry = await this.#read(found.dn);
        const value = holdsDns(config) ? found.dn : found.username;
        const { searchEntries } = await this.#client.search(config.groupBaseDn, {
          scope: 'sub',
          filter: new AndFilter({
            filters: [
              parseFilter(config.groupFilter, 'group filter'),
              new EqualityFilter({ attribute: config.memberAttribute, value }),
            ],
          }),
          attributes: ['1.1'],
        });
        try {
          for (const group of searchEntries) {
            if (await this.#removeMember(this.#client, group.dn, value))
              this.undo.push({
                what: `add ${value} back to the members of ${group.dn}`,
                run: async (client) => void (await this.#addMember(client, group.dn, value)),
              });
          }
          await this.#client.del(found.dn);
        } catch (error) {
          throw refused(error, `delete the user ${found.dn}`);
        }
        this.undo.push({
          what: `add back the deleted entry ${found.dn}`,
          run: (client) => client.add(found.dn, entry),
        });
        return;
      }
      case 'group.put': {
        const { group } = change;
        if (this.#newGroups.has(group.id)) return;
        const existing = this.#engine.group(group.id);
        if (existing !== undefined) {
          const description = (text: string | null) => (text === null || text === '' ? [] : [text]);
          const previous = existing.description;
          if ((previous ?? '') === (group.description ?? '')) return;
          const dn = await this.#groupDn(group.id);
          if (dn === null)
            throw new DirectoryError('refused', `the directory has no entry for the group "${group.name}"`);
          const replace = (text: string | null) =>
            new Change({
              operation: 'replace',
              modification: new Attribute({ type: 'description', values: description(text) }),
            });
          await this.#client.modify(dn, replace(group.description)).catch((error) => {
            throw refused(error, `change the description of ${dn}`);
          });
          this.undo.push({
            what: `put back the description of ${dn}`,
            run: (client) => client.modify(dn, replace(previous)),
          });
          return;
        }
        const name = directoryGroupName(this.#directory.store, group.name);
        if (name === null) return; // refused before, by checkDirectoryChanges
        const dn = `${new DN({ [config.groupNameAttribute]: name }).toString()},${write.groupBaseDn}`;
        const attributes: Record<string, string[]> = {
          objectClass: [...write.groupObjectClasses],
          [config.groupNameAttribute]: [name],
        };
        if (holdsDns(config)) attributes[config.memberAttribute] = [dn];
        if (group.description !== null && group.description !== '') attributes.description = [group.description];
        await this.#client.add(dn, attributes).catch((error) => {
          throw refused(error, `add the group ${dn}`);
        });
        this.#newGroups.set(group.id, dn);
        this.undo.push({ what: `delete the new entry ${dn}`, run: (client) => client.del(dn) });
        return;
      }
      case 'group.delete': {
        const dn = await this.#groupDn(change.id);
        if (dn === null) return;
        const entry = await this.#read(dn);
        await this.#client.del(dn).catch((error) => {
          throw refused(error, `delete the group ${dn}`);
        });
        this.undo.push({ what: `add back the deleted entry ${dn}`, run: (client) => client.add(dn, entry) });
        return;
      }
      case 'member.add':
      case 'member.remove': {
        const group = await this.#groupDn(change.membership.group);
        const value = await this.#memberValue(change.membership.user);
        if (group === null)
          throw new DirectoryError('refused', `the directory has no entry for the group ${change.membership.group}`);
        if (value === null)
          throw new DirectoryError('refused', `the directory has no entry for the user ${change.membership.user}`);
        if (change.op === 'member.add') {
          const added = await this.#addMember(this.#client, group, value).catch((error) => {
            throw refused(error, `add a member to ${group}`);
          });
          if (added)
            this.undo.push({
              what: `remove ${value} from the members of ${group}`,
              run: async (client) => void (await this.#removeMember(client, group, value)),
            });
        } else {
          const removed = await this.#removeMember(this.#client, group, value).catch((error) => {
            throw refused(error, `remove a member from ${group}`);
          });
          if (removed)
            this.undo.push({
              what: `add ${value} back to the members of ${group}`,
              run: async (client) => void (await this.#addMember(client, group, value)),
            });
        }
        return;
      }
      default:
        return;
    }
  }
}

/**
 * Writes a batch's changes of one read-write LDAP store to its directory, in order, as its service
 * account: a new user (`userPassword` from `passwords`), a changed email, a deleted user (and its
 * group memberships), a new or deleted group, a changed description, a member added or removed.
 * When the directory refuses one, what was written before it is undone (the undo's failures go to
 * `undoFailed`) and the refusal thrown (`DirectoryError` `refused`); otherwise answers the
 * compensating operations, to run when Tessera's own write fails.
 */
export async function writeToDirectory(
  engine: AccessEngine,
  directory: WritableDirectory,
  changes: readonly ModelChange[],
  passwords: ReadonlyMap<string, string>,
  undoFailed: (failures: UndoFailure[]) => Promise<void> = async () => undefined,
): Promise<DirectoryUndo> {
  const undo = await withService(directory.config, async (client) => {
    const writer = new DirectoryWriter(client, directory, engine, passwords);
    try {
      for (const change of changes)
        if (storeOfChange(engine, changes, change) === directory.store) await writer.apply(change);
    } catch (error) {
      const failures = await runUndo(directory.store, client, writer.undo);
      if (failures.length > 0) await undoFailed(failures);
      throw error;
    }
    return writer.undo;
  });
  return compensation(directory, undo);
}

function compensation(directory: WritableDirectory, steps: readonly UndoStep[]): DirectoryUndo {
  return async () => {
    if (steps.length === 0) return [];
    try {
      return await withService(directory.config, (client) => runUndo(directory.store, client, steps));
    } catch (error) {
      return allFailed(directory.store, steps, error);
    }
  };
}

/** RFC 3062's Password Modify extended operation. */
const PASSWORD_MODIFY = '1.3.6.1.4.1.4203.1.11.1';

/**
 * Sets a user's password in a read-write store's directory, as its service account: RFC 3062's
 * Password Modify operation (the directory hashes it by its own policy), or, where the directory
 * does not offer it, `userPassword` replaced. The undo puts back the value read before (a hash
 * the service account may read); one it could not read cannot be undone, and says so.
 */
export async function writePassword(
  directory: WritableDirectory,
  user: User,
  password: string,
): Promise<DirectoryUndo> {
  const config = directory.config;
  const undo = await withService(config, async (client) => {
    const { searchEntries } = await client.search(config.userBaseDn, {
      scope: 'sub',
      filter: new AndFilter({
        filters: [
          parseFilter(config.userFilter, 'user filter'),
          new EqualityFilter({ attribute: config.usernameAttribute, value: user.username }),
        ],
      }),
      attributes: ['userPassword'],
    });
    if (searchEntries.length !== 1)
      throw new DirectoryError('refused', `the directory has no entry for the user "${user.username}"`);
    const { dn } = searchEntries[0]!;
    const previous = values(searchEntries[0]!.userPassword);
    const request = new BerWriter();
    request.startSequence();
    request.writeString(dn, 0x80);
    request.writeString(password, 0x82);
    request.endSequence();
    try {
      await client.exop(PASSWORD_MODIFY, request.buffer);
    } catch (error) {
      const unsupported =
        error instanceof ProtocolError ||
        error instanceof UnavailableCriticalExtensionError ||
        error instanceof UnwillingToPerformError;
      if (!unsupported) throw refused(error, `set the password of ${dn}`);
      await client
        .modify(
          dn,
          new Change({
            operation: 'replace',
            modification: new Attribute({ type: 'userPassword', values: [password] }),
          }),
        )
        .catch((failure) => {
          throw refused(failure, `set the password of ${dn}`);
        });
    }
    const step: UndoStep = {
      what: `put back the previous password of ${dn}`,
      run: async (again) => {
        if (previous.length === 0)
          throw new Error('the previous password could not be read with the bind DN, so it cannot be put back');
        await again.modify(
          dn,
          new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: previous }) }),
        );
      },
    };
    return [step];
  });
  return compensation(directory, undo);
}
