import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type Decision, type Page, type Permission, type User, api } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { sentence } from '../words';
import { FormField } from '../components/FormField';
import { usePageTitle } from '../components/Placeholder';
import { useAction } from '../components/useAction';
import { SEARCH_DELAY_MS } from '../components/useSettled';
import { TargetFields, useTargetChoice } from '../components/TargetFields';
import { qualified, subjectInWords, targetInWords } from '../explanations';

const USER_RESULTS = 10;

/** May this user do this here? The decision with its explanation, in words. */
export function AccessCheckerPage() {
  usePageTitle('Access checker');
  const [user, setUser] = useState<User | null>(null);
  const [permission, setPermission] = useState('');
  const target = useTargetChoice();
  const permissions = usePermissions();
  const [asked, setAsked] = useState<{ user: User; decision: Decision } | null>(null);

  const check = useAction(async () => {
    if (user === null) throw new Error('choose a user');
    if (permission === '') throw new Error('choose a permission');
    if (target.id === '') throw new Error('name the target: an id, a name or a path');
    if (target.type === '') throw new Error('name the resource type (api, component…)');
    const decision = await api.post<Decision>('/v1/check', {
      user: user.id,
      permission,
      resource: { type: target.type, id: target.id },
      explain: true,
    });
    setAsked({ user, decision });
    return decision.allowed ? 'Allowed.' : 'Denied.';
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(null);
    void check.run();
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Access checker</h1>
      <p>Ask whether a user holds a permission at an organization, a project or a resource, and why.</p>
      <form className="panel" onSubmit={submit}>
        <UserPicker chosen={user} onChoose={setUser} />
        <FormField
          label="Permission"
          hint={permissions.items.find((p) => p.key === permission)?.description ?? undefined}
        >
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
          <TargetFields choice={target} />
        </fieldset>
        <ErrorMessage error={check.error} />
        <button type="submit" className="primary" disabled={check.busy}>
          Check access
        </button>
      </form>
      {/* Each answer mounts afresh and takes the focus, so it is read out where the reader is. */}
      <div>{asked === null ? null : <DecisionView user={asked.user} decision={asked.decision} />}</div>
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
        <input
          name="user-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={200}
          autoComplete="off"
        />
      </FormField>
      <ErrorMessage error={error} />
      {found !== null && found.items.length === 0 ? (
        <p className="empty">No user's name contains “{query.trim()}”.</p>
      ) : null}
      {found !== null && found.items.length > 0 ? (
        <div role="radiogroup" aria-label="Matching users" className="choices">
          {found.items.map((user) => (
            <label key={user.id} className="check">
              <input
                type="radio"
                name="user"
                value={user.id}
                checked={chosen?.id === user.id}
                onChange={() => onChoose(user)}
              />
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

/** The answer: Allowed or Denied, and why, in words. */
function DecisionView({ user, decision }: { user: User; decision: Decision }) {
  const explanation = decision.explanation;
  const name = qualified(user);
  const targetText =
    explanation?.target === null || explanation?.target === undefined
      ? 'the target'
      : targetInWords(explanation.target);
  const permission = explanation?.permission ?? '';
  const grant = explanation?.grant ?? null;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={decision.allowed ? 'decision allowed' : 'decision denied'} aria-labelledby="decision-title">
      <h2 id="decision-title" ref={heading} tabIndex={-1}>
        {decision.allowed ? 'Allowed' : 'Denied'}
      </h2>
      <p>
        {name} {decision.allowed ? 'holds' : 'does not hold'} <code>{permission}</code> at {targetText}.
      </p>
      {grant !== null ? (
        <>
          <p>
            Granted by the role <strong>{grant.role.name}</strong>, mapped to {subjectInWords(grant, name)} at{' '}
            {targetInWords(grant.target)}
            {grant.group !== null ? `; ${name} is a member of the group ${grant.group.name}` : ''}. The role grants the
            permission-tree node <code>{grant.node}</code>
            {grant.node === permission ? '' : `, which covers ${permission}`}
            {grant.through.length > 1 ? ` (through the roles ${grant.through.join(' → ')})` : ''}.
          </p>
          <dl className="explanation">
            <dt>Role</dt>
            <dd>{grant.role.name}</dd>
            <dt>Subject</dt>
            <dd>{sentence(subjectInWords(grant, name)).replace(/\.$/, '')}</dd>
            <dt>Level</dt>
            <dd>{targetInWords(grant.target)}</dd>
            <dt>Group</dt>
            <dd>{grant.group?.name ?? 'None: mapped directly'}</dd>
            <dt>Permission-tree node</dt>
            <dd>
              <code>{grant.node}</code>
            </dd>
          </dl>
          {explanation !== undefined && explanation.grants.length > 1 ? (
            <p className="hint">{explanation.grants.length - 1} other mappings grant it too.</p>
          ) : null}
        </>
      ) : null}
      {explanation?.denial != null ? <p className="denial">{sentence(explanation.denial.reason)}</p> : null}
      {explanation !== undefined && explanation.excluded.length > 0 ? (
        <>
          <h3>Mappings that do not count here</h3>
          <ul>
            {explanation.excluded.map((excluded) => (
              <li key={excluded.grant.mapping}>
                The role {excluded.grant.role.name} at {targetInWords(excluded.grant.target)}: {excluded.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
