import { type FormEvent, useEffect, useId, useState } from 'react';
import { type Decision, type Grant, type Page, type Permission, type Project, type User, api, segment } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { sentence } from '../words';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { useOrganizations } from '../organizations';

const USER_RESULTS = 10;
const SEARCH_DELAY_MS = 250;

type TargetType = 'organization' | 'project' | 'resource';

/** The user as the API names it everywhere: `STORE/username`. */
const qualified = (user: User) => `${user.store}/${user.username}`;

/** May this user do this here? The decision with its explanation, in words. */
export function AccessCheckerPage() {
  usePageTitle('Access checker');
  const { organizations, current } = useOrganizations();
  const [user, setUser] = useState<User | null>(null);
  const [permission, setPermission] = useState('');
  const [targetType, setTargetType] = useState<TargetType>('organization');
  const [resourceType, setResourceType] = useState('');
  const [target, setTarget] = useState('');
  const permissions = usePermissions();
  const projects = useProjectPaths(targetType === 'project' ? (current?.id ?? null) : null);
  const [asked, setAsked] = useState<{ user: User; decision: Decision } | null>(null);

  const check = useAction(async () => {
    if (user === null) throw new Error('choose a user');
    if (permission === '') throw new Error('choose a permission');
    if (target.trim() === '') throw new Error('name the target: an id, a name or a path');
    const type = targetType === 'resource' ? resourceType.trim() : targetType;
    if (type === '') throw new Error('name the resource type (api, component…)');
    const decision = await api.post<Decision>('/v1/check', { user: user.id, permission, resource: { type, id: target.trim() }, explain: true });
    setAsked({ user, decision });
    return decision.allowed ? 'Allowed.' : 'Denied.';
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(null);
    void check.run();
  };

  const datalistId = useId();
  const suggestions = targetType === 'organization' ? organizations.map((o) => o.name) : targetType === 'project' ? projects : [];

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Access checker</h1>
      <p>Ask whether a user holds a permission at an organization, a project or a resource, and why.</p>
      <form className="panel" onSubmit={submit}>
        <UserPicker chosen={user} onChoose={setUser} />
        <FormField label="Permission" hint={permissions.items.find((p) => p.key === permission)?.description ?? undefined}>
          <select name="permission" value={permission} onChange={(e) => setPermission(e.target.value)} required>
            <option value="">Choose a permission</option>
            {permissions.items.map((p) => (
              <option key={p.key} value={p.key}>
                {p.key}
              </option>
            ))}
          </select>
        </FormField>
        <ErrorMessage error={permissions.error} />
        <fieldset>
          <legend>Target</legend>
          <FormField label="Target type">
            <select name="target-type" value={targetType} onChange={(e) => setTargetType(e.target.value as TargetType)}>
              <option value="organization">Organization</option>
              <option value="project">Project</option>
              <option value="resource">Resource</option>
            </select>
          </FormField>
          {targetType === 'resource' ? (
            <FormField label="Resource type" hint="api, application, component, environment…">
              <input name="resource-type" value={resourceType} onChange={(e) => setResourceType(e.target.value)} maxLength={100} />
            </FormField>
          ) : null}
          <FormField
            label={targetType === 'organization' ? 'Organization' : targetType === 'project' ? 'Project' : 'Resource'}
            hint={
              targetType === 'organization'
                ? 'Its name or id.'
                : targetType === 'project'
                  ? 'Its path, organization/project, or its id.'
                  : 'Its id, or its path: organization/project/type/name.'
            }
          >
            <input name="target" value={target} onChange={(e) => setTarget(e.target.value)} list={datalistId} maxLength={400} autoComplete="off" />
          </FormField>
          <datalist id={datalistId}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </fieldset>
        <ErrorMessage error={check.error} />
        <button type="submit" className="primary" disabled={check.busy}>
          Check access
        </button>
      </form>
      <div aria-live="polite">{asked === null ? null : <DecisionView user={asked.user} decision={asked.decision} />}</div>
    </section>
  );
}

/** Search users by part of the name, then choose one. */
function UserPicker({ chosen, onChoose }: { chosen: User | null; onChoose: (user: User | null) => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Page<User> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (query.trim() === '') {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<Page<User>>('/v1/users', { name: query.trim(), limit: USER_RESULTS }, controller.signal)
        .then((page) => {
          setFound(page);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!(e instanceof DOMException)) setError(e);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  return (
    <fieldset>
      <legend>User</legend>
      <FormField label="Find a user" hint="Part of the username.">
        <input name="user-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} maxLength={200} autoComplete="off" />
      </FormField>
      <ErrorMessage error={error} />
      {found !== null && found.items.length === 0 ? <p className="empty">No user's name contains “{query.trim()}”.</p> : null}
      {found !== null && found.items.length > 0 ? (
        <div role="radiogroup" aria-label="Matching users" className="choices">
          {found.items.map((user) => (
            <label key={user.id} className="check">
              <input type="radio" name="user" value={user.id} checked={chosen?.id === user.id} onChange={() => onChoose(user)} />
              {qualified(user)}
              {user.status === 'active' ? '' : ` (${user.status})`}
            </label>
          ))}
          {found.next !== null ? <p className="hint">More users match: type more of the name.</p> : null}
        </div>
      ) : null}
      {chosen !== null ? <p className="chosen">Checking for {qualified(chosen)}.</p> : null}
    </fieldset>
  );
}

function usePermissions() {
  const [items, setItems] = useState<readonly Permission[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ items: Permission[] }>('/v1/permissions', undefined, controller.signal)
      .then((answer) => setItems(answer.items))
      .catch((e: unknown) => {
        if (!(e instanceof DOMException)) setError(e);
      });
    return () => controller.abort();
  }, []);
  return { items, error };
}

/** Suggestions for the project field: the current organization's first projects. */
function useProjectPaths(organization: string | null): readonly string[] {
  const [paths, setPaths] = useState<readonly string[]>([]);
  useEffect(() => {
    if (organization === null) return;
    const controller = new AbortController();
    api
      .get<Page<Project>>(`/v1/organizations/${segment(organization)}/projects`, { limit: 100 }, controller.signal)
      .then((page) => setPaths(page.items.map((p) => p.path)))
      // Only suggestions: the field takes any path without them.
      .catch(() => undefined);
    return () => controller.abort();
  }, [organization]);
  return paths;
}

function subjectInWords(grant: Grant, userName: string): string {
  switch (grant.subject.kind) {
    case 'user':
      return `the user ${userName}`;
    case 'group':
      return `the group ${grant.group?.name ?? grant.subject.id ?? ''}`.trim();
    case 'everyone':
      return 'everyone signed in';
    case 'anonymous':
      return 'anonymous guests';
    default:
      return grant.subject.kind;
  }
}

/** The answer: Allowed or Denied, and why, in words. */
function DecisionView({ user, decision }: { user: User; decision: Decision }) {
  const explanation = decision.explanation;
  const name = qualified(user);
  const targetText = explanation?.target === null || explanation?.target === undefined ? 'the target' : `${explanation.target.level} ${explanation.target.name}`;
  const permission = explanation?.permission ?? '';
  const grant = explanation?.grant ?? null;
  return (
    <section className={decision.allowed ? 'decision allowed' : 'decision denied'} aria-labelledby="decision-title">
      <h2 id="decision-title">{decision.allowed ? 'Allowed' : 'Denied'}</h2>
      <p>
        {name} {decision.allowed ? 'holds' : 'does not hold'} <code>{permission}</code> at {targetText}.
      </p>
      {grant !== null ? (
        <>
          <p>
            Granted by the role <strong>{grant.role.name}</strong>, mapped to {subjectInWords(grant, name)} at {grant.target.level} {grant.target.name}
            {grant.group !== null ? `; ${name} is a member of the group ${grant.group.name}` : ''}. The role grants the permission-tree node <code>{grant.node}</code>
            {grant.node === permission ? '' : `, which covers ${permission}`}
            {grant.through.length > 1 ? ` (through the roles ${grant.through.join(' → ')})` : ''}.
          </p>
          <dl className="explanation">
            <dt>Role</dt>
            <dd>{grant.role.name}</dd>
            <dt>Subject</dt>
            <dd>{sentence(subjectInWords(grant, name)).replace(/\.$/, '')}</dd>
            <dt>Level</dt>
            <dd>
              {grant.target.level} {grant.target.name}
            </dd>
            <dt>Group</dt>
            <dd>{grant.group?.name ?? 'None: mapped directly'}</dd>
            <dt>Permission-tree node</dt>
            <dd>
              <code>{grant.node}</code>
            </dd>
          </dl>
          {explanation !== undefined && explanation.grants.length > 1 ? <p className="hint">{explanation.grants.length - 1} other mappings grant it too.</p> : null}
        </>
      ) : null}
      {explanation?.denial != null ? <p className="denial">{sentence(explanation.denial.reason)}</p> : null}
      {explanation !== undefined && explanation.excluded.length > 0 ? (
        <>
          <h3>Mappings that do not count here</h3>
          <ul>
            {explanation.excluded.map((excluded) => (
              <li key={excluded.grant.mapping}>
                The role {excluded.grant.role.name} at {excluded.grant.target.level} {excluded.grant.target.name}: {excluded.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
