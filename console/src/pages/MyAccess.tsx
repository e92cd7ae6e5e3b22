import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { type AccessOrganization, type HeldRole, type MyAccess, useAccess } from '../access';
import { type Page, api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { ColumnsTable } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import { useLoaded } from '../components/useLoaded';
import { PAGES } from '../navigation';

interface Application {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly organization: { readonly id: string; readonly name: string };
  readonly createdAt: string;
}
interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}
interface TwoFactorStatus {
  readonly enrolled: boolean;
  readonly required: boolean;
  readonly recoveryCodesLeft: number;
}

const HOW: Readonly<Record<HeldRole['reach'], string>> = {
  direct: 'Given to you',
  group: 'Through a group',
  everyone: 'Every signed-in user',
};

const when = (iso: string) => new Date(iso).toLocaleDateString();

/** What the signed-in user may do, and where, each role explained; their applications, tokens and sign-in security. */
export function MyAccessPage() {
  usePageTitle('My access');
  const { access, error } = useAccess();
  return (
    <section aria-labelledby="page-title" className="my-access">
      <h1 id="page-title">My access</h1>
      <ErrorMessage error={error} />
      {access === null ? null : (
        <>
          <p>
            Signed in as <strong>{access.user.name}</strong>. This is what your roles let you do, and where.
          </p>
          <PlacesSection access={access} />
          <RolesSection roles={access.roles} />
          <ApplicationsSection owner={access.user.id} />
          <SecuritySection />
        </>
      )}
    </section>
  );
}

function Permissions({ keys, place }: { keys: readonly string[]; place: string }) {
  if (keys.length === 0) return <span>No permission here</span>;
  return (
    <details>
      <summary>
        {keys.length} {keys.length === 1 ? 'permission' : 'permissions'}
        <span className="visually-hidden"> at {place}</span>
      </summary>
      <ul className="plain-list">
        {keys.map((key) => (
          <li key={key}>
            <code>{key}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

function pagesInWords(organization: AccessOrganization): string {
  // Read when shown: navigation.ts lists this page too.
  const labels = new Map(PAGES.map((p) => [p.path, p.label]));
  const pages = organization.pages
    .filter((p) => p !== 'my-access' && p !== 'approvals' && p !== 'security')
    .map((p) => labels.get(p) ?? p);
  return pages.length === 0 ? 'Your own pages only' : pages.join(', ');
}

function PlacesSection({ access }: { access: MyAccess }) {
  return (
    <section aria-labelledby="places-title" className="panel">
      <h2 id="places-title">Where you work</h2>
      {access.organizations.length === 0 && access.projects.length === 0 && access.resources.length === 0 ? (
        <p className="empty">You hold no role in any organization, project or API yet.</p>
      ) : null}
      {access.organizations.length > 0 ? (
        <ColumnsTable
          items={access.organizations}
          caption="Your organizations"
          rowKey={(o) => o.id}
          columns={[
            { header: 'Organization', cell: (o) => o.name },
            { header: 'Console pages', cell: (o) => pagesInWords(o) },
            { header: 'Permissions', cell: (o) => <Permissions keys={o.permissions} place={o.name} /> },
          ]}
        />
      ) : null}
      {access.projects.length > 0 ? (
        <ColumnsTable
          items={access.projects}
          caption="Your projects"
          rowKey={(p) => p.id}
          columns={[
            { header: 'Project', cell: (p) => p.name },
            { header: 'Path', cell: (p) => <code>{p.path}</code> },
            { header: 'Organization', cell: (p) => p.organization.name },
            { header: 'Permissions', cell: (p) => <Permissions keys={p.permissions} place={p.path} /> },
          ]}
        />
      ) : null}
      {access.resources.length > 0 ? (
        <ColumnsTable
          items={access.resources}
          caption="Your APIs and other resources"
          rowKey={(r) => r.id}
          columns={[
            { header: 'Name', cell: (r) => r.name },
            { header: 'Type', cell: (r) => (r.type === 'api' ? 'API' : r.type) },
            { header: 'Path', cell: (r) => <code>{r.path}</code> },
            { header: 'Permissions', cell: (r) => <Permissions keys={r.permissions} place={r.path} /> },
          ]}
        />
      ) : null}
    </section>
  );
}

function RolesSection({ roles }: { roles: readonly HeldRole[] }) {
  return (
    <section aria-labelledby="roles-title" className="panel">
      <h2 id="roles-title">Your roles, explained</h2>
      {roles.length === 0 ? (
        <p className="empty">You hold no role.</p>
      ) : (
        <ColumnsTable
          items={roles}
          caption="Each role you hold, where, and how it reaches you"
          rowKey={(r) => r.mapping}
          columns={[
            { header: 'Role', cell: (r) => r.role.name },
            {
              header: 'Where',
              cell: (r) => `${r.target.level === 'resource' ? r.target.type : r.target.level} ${r.target.name}`,
            },
            { header: 'How', cell: (r) => (r.group === null ? HOW[r.reach] : `${HOW[r.reach]}: ${r.group.name}`) },
            { header: 'Explanation', cell: (r) => r.explanation },
          ]}
        />
      )}
    </section>
  );
}

function ApplicationsSection({ owner }: { owner: string }) {
  const applications = useLoaded(
    useCallback(
      (signal: AbortSignal) => api.get<Page<Application>>('/v1/applications', { owner, limit: 100 }, signal),
      [owner],
    ),
  );
  const items = applications.value?.items ?? [];
  return (
    <section aria-labelledby="applications-title" className="panel">
      <h2 id="applications-title">Your applications</h2>
      <ErrorMessage error={applications.error} />
      {applications.value !== null && items.length === 0 ? <p className="empty">You own no application.</p> : null}
      {items.length > 0 ? (
        <ColumnsTable
          items={items}
          caption="Applications you own"
          rowKey={(a) => a.id}
          columns={[
            { header: 'Application', cell: (a) => a.name },
            { header: 'Organization', cell: (a) => a.organization.name },
            { header: 'Created', cell: (a) => when(a.createdAt) },
          ]}
        />
      ) : null}
      {applications.value?.next !== null && applications.value !== null ? (
        <p className="hint">You own more applications than are listed here.</p>
      ) : null}
    </section>
  );
}

function SecuritySection() {
  const twoFactor = useLoaded(
    useCallback((signal: AbortSignal) => api.get<TwoFactorStatus>('/v1/me/two-factor', {}, signal), []),
  );
  const tokens = useLoaded(
    useCallback((signal: AbortSignal) => api.get<{ items: TokenInfo[] }>('/v1/tokens', {}, signal), []),
  );
  const active = (tokens.value?.items ?? []).filter(
    (t) => t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > Date.now()),
  );
  return (
    <section aria-labelledby="security-title" className="panel">
      <h2 id="security-title">Tokens and security</h2>
      <ErrorMessage error={twoFactor.error} />
      <ErrorMessage error={tokens.error} />
      <ul className="plain-list">
        {twoFactor.value === null ? null : (
          <li>
            Two-factor sign-in:{' '}
            {twoFactor.value.enrolled
              ? `on, ${twoFactor.value.recoveryCodesLeft} recovery codes left`
              : twoFactor.value.required
                ? 'off, and your organization requires it'
                : 'off'}
            .
          </li>
        )}
        {tokens.value === null ? null : (
          <li>
            Personal access tokens:{' '}
            {active.length === 0
              ? 'none active'
              : active.map((t) => `${t.name}${t.expiresAt === null ? '' : ` (until ${when(t.expiresAt)})`}`).join(', ')}
            .
          </li>
        )}
      </ul>
      <p>
        <Link to="/security">Change your sign-in security and tokens</Link>
      </p>
    </section>
  );
}
