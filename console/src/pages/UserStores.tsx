import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { mayAt, useAccess } from '../access';
import { api, segment } from '../api';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';

interface UserStore {
  readonly name: string;
  readonly readOnly: boolean;
  readonly description: string | null;
}

interface SyncOutcome {
  readonly at: string;
  readonly ok: boolean;
  readonly trigger: string;
  readonly durationMs: number;
  readonly revision: number | null;
  readonly summary: {
    readonly usersAdded: number;
    readonly usersUpdated: number;
    readonly usersDisabled: number;
    readonly groupsAdded: number;
    readonly membershipsAdded: number;
    readonly membershipsRemoved: number;
    readonly directoryUsers: number;
    readonly directoryGroups: number;
  } | null;
  readonly error: { readonly type: string; readonly detail: string } | null;
}

interface LdapStore {
  readonly name: string;
  readonly url: string;
  readonly bindDn: string;
  readonly userBaseDn: string;
  readonly groupBaseDn: string;
  readonly syncIntervalSeconds: number;
  readonly readOnly: boolean;
  readonly write: { readonly userBaseDn: string; readonly groupBaseDn: string };
  readonly lastSync: SyncOutcome | null;
  readonly directory: { readonly status: string; readonly since: string | null; readonly lastError: string | null };
}

interface Tested {
  readonly users: number;
  readonly groups: number;
  readonly ms: number;
}

function syncWords(sync: SyncOutcome | null): string {
  if (sync === null) return 'never';
  const when = new Date(sync.at).toLocaleString();
  if (!sync.ok) return `${when}: failed — ${sync.error?.detail ?? 'unknown error'}`;
  const s = sync.summary;
  if (s === null) return `${when}: ok`;
  return (
    `${when}: ok, ${s.directoryUsers} users and ${s.directoryGroups} groups in the directory; ` +
    `${s.usersAdded} users added, ${s.usersDisabled} disabled, ${s.membershipsAdded} memberships added, ${s.membershipsRemoved} removed`
  );
}

/** One LDAP store: its directory, last synchronisation, and the test-connection and sync-now buttons. */
function LdapStoreRow({
  store,
  onChanged,
  mayManage,
}: {
  store: LdapStore;
  onChanged: () => void;
  mayManage: boolean;
}) {
  const test = useAction(async () => {
    const tested = await api.post<Tested>(`/v1/ldap-stores/${segment(store.name)}/test`);
    return `Connected: the filters match ${tested.users} users and ${tested.groups} groups (${tested.ms} ms).`;
  });
  const sync = useAction(async () => {
    const outcome = await api.post<SyncOutcome>(`/v1/ldap-stores/${segment(store.name)}/sync`);
    onChanged();
    return outcome.revision === null
      ? 'Synchronised: nothing changed.'
      : `Synchronised (revision ${outcome.revision}).`;
  });
  // The write settings are the store's own (validated by the server as when a store is added).
  const mode = useAction(async () => {
    await api.patch<LdapStore>(`/v1/ldap-stores/${segment(store.name)}`, { readOnly: !store.readOnly });
    onChanged();
    return store.readOnly
      ? `${store.name} is read-write: changes of its users and groups are written to the directory first.`
      : `${store.name} is read-only: only its synchronisation changes its users and groups.`;
  });
  return (
    <li className="panel" aria-label={`LDAP store ${store.name}`}>
      <h3>{store.name}</h3>
      <dl>
        <dt>Directory</dt>
        <dd>
          {store.url} ({store.directory.status})
        </dd>
        <dt>Users under</dt>
        <dd>{store.userBaseDn}</dd>
        <dt>Groups under</dt>
        <dd>{store.groupBaseDn}</dd>
        <dt>Access</dt>
        <dd>
          {store.readOnly
            ? 'read-only'
            : `read-write: new users under ${store.write.userBaseDn}, new groups under ${store.write.groupBaseDn}`}
        </dd>
        <dt>Synchronised every</dt>
        <dd>{store.syncIntervalSeconds} s</dd>
        <dt>Last sync</dt>
        <dd data-testid="last-sync">{syncWords(store.lastSync)}</dd>
      </dl>
      {mayManage ? (
        <p>
          <button type="button" onClick={() => void test.run()} disabled={test.busy}>
            Test connection
          </button>{' '}
          <button type="button" onClick={() => void sync.run()} disabled={sync.busy}>
            Sync now
          </button>{' '}
          <button type="button" onClick={() => void mode.run()} disabled={mode.busy}>
            {store.readOnly ? 'Make read-write' : 'Make read-only'}
          </button>
        </p>
      ) : null}
      <ErrorMessage error={test.error ?? sync.error ?? mode.error} />
      <Done message={test.done ?? sync.done ?? mode.done} />
    </li>
  );
}

const EMPTY_FORM = {
  name: '',
  url: 'ldap://',
  bindDn: '',
  bindPassword: '',
  userBaseDn: '',
  groupBaseDn: '',
  userFilter: '',
  groupFilter: '',
  writeUserBaseDn: '',
  writeGroupBaseDn: '',
};

/** Adding an LDAP store: test the connection first, then add (which synchronises it). */
function AddLdapStore({ onAdded }: { onAdded: () => void }) {
  const [form, setForm] = useState(EMPTY_FORM);
  const [readWrite, setReadWrite] = useState(false);
  const settings = () => ({
    url: form.url.trim(),
    bindDn: form.bindDn.trim(),
    bindPassword: form.bindPassword,
    userBaseDn: form.userBaseDn.trim(),
    ...(form.groupBaseDn.trim() === '' ? {} : { groupBaseDn: form.groupBaseDn.trim() }),
    ...(form.userFilter.trim() === '' ? {} : { userFilter: form.userFilter.trim() }),
    ...(form.groupFilter.trim() === '' ? {} : { groupFilter: form.groupFilter.trim() }),
  });
  const test = useAction(async () => {
    const tested = await api.post<Tested>('/v1/ldap-stores/test', settings());
    return `Connected: the filters match ${tested.users} users and ${tested.groups} groups (${tested.ms} ms).`;
  });
  const add = useAction(async () => {
    const added = await api.post<{ ldapStore: LdapStore; sync: SyncOutcome }>('/v1/ldap-stores', {
      name: form.name.trim(),
      ...settings(),
      ...(readWrite
        ? {
            readOnly: false,
            write: {
              ...(form.writeUserBaseDn.trim() === '' ? {} : { userBaseDn: form.writeUserBaseDn.trim() }),
              ...(form.writeGroupBaseDn.trim() === '' ? {} : { groupBaseDn: form.writeGroupBaseDn.trim() }),
            },
          }
        : {}),
    });
    setForm(EMPTY_FORM);
    setReadWrite(false);
    onAdded();
    return `Added ${added.ldapStore.name} and synchronised it: ${syncWords(added.sync)}.`;
  });
  const field = (key: keyof typeof EMPTY_FORM) => ({
    name: key,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const error = add.error ?? test.error;
  const fieldError = (path: string) =>
    error !== null && typeof error === 'object' && 'fieldError' in error
      ? (error as { fieldError(p: string): string | undefined }).fieldError(path)
      : undefined;
  return (
    <form
      className="panel"
      aria-labelledby="add-ldap-title"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        test.reset();
        void add.run();
      }}
    >
      <h2 id="add-ldap-title">Add an LDAP directory</h2>
      <p>
        Its users sign in with their directory password, and its groups (named <code>STORE/group</code>) map to roles
        like any group. Read-only unless read-write is chosen: then users, groups and memberships changed in Tessera are
        written to the directory first (the bind DN needs write rights).
      </p>
      <FormField label="Store name" hint="The domain of its users: NAME/alice." error={fieldError('name')}>
        <input required maxLength={100} {...field('name')} />
      </FormField>
      <FormField label="Directory URL" error={fieldError('url')}>
        <input required {...field('url')} />
      </FormField>
      <FormField label="Bind DN" hint="The service account Tessera searches with." error={fieldError('bindDn')}>
        <input required {...field('bindDn')} />
      </FormField>
      <FormField label="Bind password" hint="Stored encrypted; never shown again." error={fieldError('bindPassword')}>
        <input required type="password" autoComplete="off" {...field('bindPassword')} />
      </FormField>
      <FormField label="User base DN" error={fieldError('userBaseDn')}>
        <input required {...field('userBaseDn')} />
      </FormField>
      <FormField label="Group base DN" hint="Default: the user base DN." error={fieldError('groupBaseDn')}>
        <input {...field('groupBaseDn')} />
      </FormField>
      <FormField label="User filter" hint="Default: (objectClass=inetOrgPerson)." error={fieldError('userFilter')}>
        <input {...field('userFilter')} />
      </FormField>
      <FormField label="Group filter" hint="Default: (objectClass=groupOfNames)." error={fieldError('groupFilter')}>
        <input {...field('groupFilter')} />
      </FormField>
      <FormField label="Read-write" hint="Write Tessera's changes of its users and groups to the directory.">
        <input type="checkbox" name="readWrite" checked={readWrite} onChange={(e) => setReadWrite(e.target.checked)} />
      </FormField>
      {readWrite ? (
        <>
          <FormField label="New users under" hint="Default: the user base DN." error={fieldError('write/userBaseDn')}>
            <input {...field('writeUserBaseDn')} />
          </FormField>
          <FormField
            label="New groups under"
            hint="Default: the group base DN."
            error={fieldError('write/groupBaseDn')}
          >
            <input {...field('writeGroupBaseDn')} />
          </FormField>
        </>
      ) : null}
      <p>
        <button
          type="button"
          onClick={() => {
            add.reset();
            void test.run();
          }}
          disabled={test.busy || add.busy}
        >
          Test connection
        </button>{' '}
        <button type="submit" disabled={test.busy || add.busy}>
          Add store
        </button>
      </p>
      <ErrorMessage error={error} />
      <Done message={add.done ?? test.done} />
    </form>
  );
}

/** User stores: PRIMARY, secondary and LDAP stores; add an LDAP store, test its connection, sync it now. */
export function UserStoresPage() {
  usePageTitle('User stores');
  // Testing, synchronising and adding a directory need settings:manage at the home organization.
  const mayManage = mayAt(useAccess().access, 'settings:manage');
  const [stores, setStores] = useState<readonly UserStore[]>([]);
  const [ldap, setLdap] = useState<readonly LdapStore[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      const [all, directories] = await Promise.all([
        api.get<{ items: UserStore[] }>('/v1/user-stores', { limit: 500 }),
        api.get<{ items: LdapStore[] }>('/v1/ldap-stores'),
      ]);
      setStores(all.items);
      setLdap(directories.items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const ldapNames = new Set(ldap.map((s) => s.name));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">User stores</h1>
      <p>
        Every user and group lives in a store, its domain: <code>PRIMARY/alice</code>, <code>CORP-LDAP/alice</code>.
        Users, groups and memberships of a read-only store are changed only by synchronising its directory.
      </p>
      <ErrorMessage error={error} />
      <table>
        <caption>User stores</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Access</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {stores.map((s) => (
            <tr key={s.name}>
              <td>{s.name}</td>
              <td>{ldapNames.has(s.name) ? 'LDAP' : 'internal'}</td>
              <td>{s.readOnly ? 'read-only' : 'read-write'}</td>
              <td>{s.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>LDAP directories</h2>
      {ldap.length === 0 ? <p>No LDAP directory yet.</p> : null}
      <ul className="plain-list">
        {ldap.map((s) => (
          <LdapStoreRow key={s.name} store={s} onChanged={() => void load()} mayManage={mayManage} />
        ))}
      </ul>
      {mayManage ? <AddLdapStore onAdded={() => void load()} /> : null}
    </section>
  );
}
