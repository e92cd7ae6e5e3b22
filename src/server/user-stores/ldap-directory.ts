import {
  AndFilter,
  Client,
  EqualityFilter,
  type Filter,
  FilterParser,
  InvalidCredentialsError,
  NoSuchObjectError,
  OrFilter,
  ResultCodeError,
  SubstringFilter,
} from 'ldapts';

/** How Tessera reads one LDAP directory (an LDAP user store's settings, with its bind secret in clear). */
export interface LdapConfig {
  /** `ldap://host:389` or `ldaps://host:636`. */
  readonly url: string;
  /** The service account Tessera searches with. */
  readonly bindDn: string;
  readonly bindPassword: string;
  readonly userBaseDn: string;
  readonly groupBaseDn: string;
  /** RFC 4515 filters: which entries are users, which are groups. */
  readonly userFilter: string;
  readonly groupFilter: string;
  /** Attribute maps: the username, the email, a group's name and its members (DNs or usernames). */
  readonly usernameAttribute: string;
  readonly emailAttribute: string;
  readonly groupNameAttribute: string;
  readonly memberAttribute: string;
  /** Each LDAP operation's timeout, connecting included. */
  readonly timeoutMs: number;
}

export const LDAP_DEFAULTS = {
  userFilter: '(objectClass=inetOrgPerson)',
  groupFilter: '(objectClass=groupOfNames)',
  usernameAttribute: 'uid',
  emailAttribute: 'mail',
  groupNameAttribute: 'cn',
  memberAttribute: 'member',
  timeoutMs: 5000,
} as const;

export interface DirectoryUser {
  readonly dn: string;
  readonly username: string;
  readonly email: string | null;
}

export interface DirectoryGroup {
  readonly dn: string;
  readonly name: string;
  /** Member usernames, resolved from DNs (or taken as they are, for `memberUid`-style groups). */
  readonly members: readonly string[];
}

/**
 * Why the directory could not answer: `unavailable` (cannot connect, timed out), `credentials`
 * (the bind DN and secret were refused), `invalid` (a base DN or filter the directory refuses),
 * `refused` (a write of a read-write store the directory refused: rights, an existing entry, a
 * schema constraint).
 */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly kind: 'unavailable' | 'credentials' | 'invalid' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** Checks a filter's syntax without a directory; throws `invalid` in words. */
export function parseFilter(filter: string, what: string): Filter {
  try {
    return FilterParser.parseString(filter);
  } catch (error) {
    throw new DirectoryError('invalid', `the ${what} "${filter}" is not an LDAP filter: ${(error as Error).message}`);
  }
}

export function describe(error: unknown, config: LdapConfig): DirectoryError {
  if (error instanceof DirectoryError) return error;
  if (error instanceof InvalidCredentialsError)
    return new DirectoryError('credentials', `the directory refused the bind DN "${config.bindDn}" and its secret`);
  if (error instanceof NoSuchObjectError)
    return new DirectoryError('invalid', `a base DN does not exist in the directory: ${error.message}`);
  if (error instanceof ResultCodeError) return new DirectoryError('invalid', `the directory refused: ${error.message}`);
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return new DirectoryError(
    'unavailable',
    `the directory at ${config.url} cannot be reached${typeof code === 'string' ? ` (${code})` : ''}: ${message}`,
  );
}

function first(value: Buffer | Buffer[] | string[] | string | undefined): string | null {
  if (value === undefined) return null;
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return null;
  return typeof one === 'string' ? one : one.toString('utf8');
}

function all(value: Buffer | Buffer[] | string[] | string | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}

/** A DN compared the way directories do for our purposes: case and spaces around separators ignored. */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .join(',');
}

/** Runs `work` on a client bound as the service account, then unbinds. */
export async function withService<T>(config: LdapConfig, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs });
  try {
    await client.bind(config.bindDn, config.bindPassword);
    return await work(client);
  } catch (error) {
    throw describe(error, config);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

function userFilterFor(config: LdapConfig, search: string | undefined): Filter {
  const base = parseFilter(config.userFilter, 'user filter');
  if (search === undefined || search === '') return base;
  const like = (attribute: string) => new SubstringFilter({ attribute, any: [search] });
  return new AndFilter({
    filters: [base, new OrFilter({ filters: [like(config.usernameAttribute), like(config.emailAttribute)] })],
  });
}

async function searchUsers(client: Client, config: LdapConfig, filter: Filter): Promise<DirectoryUser[]> {
  const { searchEntries } = await client.search(config.userBaseDn, {
    scope: 'sub',
    filter,
    attributes: [config.usernameAttribute, config.emailAttribute],
    paged: { pageSize: 500 },
  });
  const users: DirectoryUser[] = [];
  for (const entry of searchEntries) {
    const username = first(entry[config.usernameAttribute]);
    if (username === null || username === '' || username.includes('/')) continue;
    users.push({ dn: entry.dn, username, email: first(entry[config.emailAttribute]) });
  }
  return users.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

async function searchGroups(
  client: Client,
  config: LdapConfig,
  filter: Filter,
  usersByDn: ReadonlyMap<string, string>,
): Promise<DirectoryGroup[]> {
  const { searchEntries } = await client.search(config.groupBaseDn, {
    scope: 'sub',
    filter,
    attributes: [config.groupNameAttribute, config.memberAttribute],
    paged: { pageSize: 500 },
  });
  const byName = new Map<string, string>();
  for (const username of usersByDn.values()) byName.set(username.toLowerCase(), username);
  const groups: DirectoryGroup[] = [];
  for (const entry of searchEntries) {
    const name = first(entry[config.groupNameAttribute]);
    if (name === null || name === '') continue;
    const members = new Set<string>();
    for (const value of all(entry[config.memberAttribute])) {
      const username = usersByDn.get(normalizeDn(value)) ?? byName.get(value.toLowerCase());
      if (username !== undefined) members.add(username);
    }
    groups.push({ dn: entry.dn, name, members: [...members].sort() });
  }
  return groups.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Users matching the user filter (and `search`, part of a username or email), sorted by username. */
export async function listDirectoryUsers(config: LdapConfig, search?: string): Promise<DirectoryUser[]> {
  const filter = userFilterFor(config, search);
  return withService(config, (client) => searchUsers(client, config, filter));
}

/** Groups matching the group filter (and `search`, part of the name), with their members resolved. */
export async function listDirectoryGroups(config: LdapConfig, search?: string): Promise<DirectoryGroup[]> {
  const userFilter = parseFilter(config.userFilter, 'user filter');
  let filter = parseFilter(config.groupFilter, 'group filter');
  if (search !== undefined && search !== '')
    filter = new AndFilter({
      filters: [filter, new SubstringFilter({ attribute: config.groupNameAttribute, any: [search] })],
    });
  return withService(config, async (client) => {
    const users = await searchUsers(client, config, userFilter);
    return searchGroups(client, config, filter, new Map(users.map((u) => [normalizeDn(u.dn), u.username])));
  });
}

/** Everything a synchronisation needs, read on one connection. */
export async function readDirectory(config: LdapConfig): Promise<{ users: DirectoryUser[]; groups: DirectoryGroup[] }> {
  const userFilter = parseFilter(config.userFilter, 'user filter');
  const groupFilter = parseFilter(config.groupFilter, 'group filter');
  return withService(config, async (client) => {
    const users = await searchUsers(client, config, userFilter);
    const groups = await searchGroups(
      client,
      config,
      groupFilter,
      new Map(users.map((u) => [normalizeDn(u.dn), u.username])),
    );
    return { users, groups };
  });
}

/** Binds as the service account and counts what the filters match: what "test connection" answers. */
export async function testDirectory(config: LdapConfig): Promise<{ users: number; groups: number; ms: number }> {
  const started = performance.now();
  const { users, groups } = await readDirectory(config);
  return { users: users.length, groups: groups.length, ms: Math.round(performance.now() - started) };
}

/**
 * Signs a user in by an LDAP bind: finds the user's entry with the service account (by the
 * username attribute, under the user filter), then binds as that entry with the password.
 * Answers false for a wrong password or a user the directory no longer has; throws
 * `DirectoryError` when the directory cannot answer.
 */
export async function bindAsUser(config: LdapConfig, username: string, password: string): Promise<boolean> {
  if (password === '') return false; // an empty password is an anonymous bind in LDAP: never a sign-in
  const filter = new AndFilter({
    filters: [
      parseFilter(config.userFilter, 'user filter'),
      new EqualityFilter({ attribute: config.usernameAttribute, value: username }),
    ],
  });
  const dn = await withService(config, async (client) => {
    const { searchEntries } = await client.search(config.userBaseDn, { scope: 'sub', filter, attributes: ['1.1'] });
    return searchEntries.length === 1 ? searchEntries[0]!.dn : null;
  });
  if (dn === null) return false;
  const client = new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs });
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw describe(error, config);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/**
 * Signs in a user Tessera does not know yet (just-in-time provisioning): finds the entry with the
 * service account, binds as it with the password, then reads the groups (under the group filter)
 * that list it as a member, by DN or by username. Answers null for a wrong password or a user the
 * directory does not have; throws `DirectoryError` when the directory cannot answer.
 */
export async function signInNewUser(
  config: LdapConfig,
  username: string,
  password: string,
): Promise<{ user: DirectoryUser; groups: string[] } | null> {
  if (password === '') return null;
  const filter = new AndFilter({
    filters: [
      parseFilter(config.userFilter, 'user filter'),
      new EqualityFilter({ attribute: config.usernameAttribute, value: username }),
    ],
  });
  const users = await withService(config, (client) => searchUsers(client, config, filter));
  if (users.length !== 1) return null;
  const user = users[0]!;
  const client = new Client({ url: config.url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs });
  try {
    await client.bind(user.dn, password);
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return null;
    throw describe(error, config);
  } finally {
    await client.unbind().catch(() => undefined);
  }
  const groupFilter = new AndFilter({
    filters: [
      parseFilter(config.groupFilter, 'group filter'),
      new OrFilter({
        filters: [
          new EqualityFilter({ attribute: config.memberAttribute, value: user.dn }),
          new EqualityFilter({ attribute: config.memberAttribute, value: user.username }),
        ],
      }),
    ],
  });
  const groups = await withService(config, (service) =>
    searchGroups(service, config, groupFilter, new Map([[normalizeDn(user.dn), user.username]])),
  );
  return { user, groups: groups.filter((g) => g.members.includes(user.username)).map((g) => g.name) };
}
