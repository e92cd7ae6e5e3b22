import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { mayAt, useAccess } from '../access';
import {
  ApiError,
  type Mapping,
  type Organization,
  type Page,
  type Role,
  type User,
  api,
  readAllPages,
  segment,
} from '../api';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { PaginatedTable, Pager, usePaged } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import { useSettled } from '../components/useSettled';
import { useRoleSearch } from '../components/roles/useRoleSearch';
import { RoleBadges } from '../components/roles/RoleBadges';
import { qualified } from '../explanations';
import { useOrganizations } from '../organizations';
import './Roles.css';
import './RoleMemberships.css';

const USERS_PAGE_SIZE = 20;
const ASSIGNED_PAGE_SIZE = 20;

/** Who holds each role directly at the current organization; assign and remove users in one save. */
export function RoleMembershipsPage() {
  usePageTitle('Role memberships');
  const { current } = useOrganizations();
  return (
    <section aria-labelledby="page-title" className="memberships-page">
      <h1 id="page-title">Role memberships</h1>
      {current === null ? (
        <p>Choose an organization to see its roles.</p>
      ) : (
        <Routes>
          <Route index element={<RoleChooser key={current.id} organization={current} />} />
          <Route path=":roleId" element={<MembersEditor key={current.id} organization={current} />} />
        </Routes>
      )}
    </section>
  );
}

function RoleChooser({ organization }: { organization: Organization }) {
  const { name, setName, search, roles } = useRoleSearch(organization.id);
  const mayAssign = mayAt(useAccess().access, 'role:assign', organization.id);
  return (
    <>
      <p>
        The roles available in {organization.name}. Edit a role’s members to choose which users hold it directly at{' '}
        {organization.name} (and so in its projects).
      </p>
      <div className="field">
        <label htmlFor="membership-role-search">Find a role by name</label>
        <input
          id="membership-role-search"
          type="search"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
        />
      </div>
      <PaginatedTable
        paged={roles}
        caption={`Roles available in ${organization.name}`}
        rowKey={(r) => r.id}
        empty={search === '' ? `No role is available in ${organization.name}.` : `No role's name contains “${search}”.`}
        columns={[
          { header: 'Role', cell: (r) => r.name },
          { header: 'About', cell: (r) => <RoleBadges role={r} organization={organization.id} /> },
          {
            header: 'Members',
            cell: (r) => (
              <Link
                to={`/role-memberships/${segment(r.id)}`}
                aria-label={`${mayAssign ? 'Edit' : 'See'} members of ${r.name}`}
              >
                {mayAssign ? 'Edit members' : 'See members'}
              </Link>
            ),
          },
        ]}
      />
    </>
  );
}

interface Member {
  readonly id: string;
  readonly name: string;
  /** The user's direct mappings of the role at the organization (several if mapped twice). */
  readonly mappings: readonly string[];
}

interface Step {
  readonly user: { readonly id: string; readonly name: string };
  readonly kind: 'assign' | 'remove';
  readonly state: 'waiting' | 'working' | 'done' | 'failed';
  readonly error: unknown;
}

/** The users holding the role directly at the organization, by the mappings that say so. */
async function readMembers(roleId: string, organizationId: string, signal?: AbortSignal): Promise<Map<string, Member>> {
  const mappings = await readAllPages<Mapping>('/v1/mappings', { role: roleId, organization: organizationId }, signal);
  const members = new Map<string, Member>();
  for (const m of mappings) {
    if (
      m.subject.kind !== 'user' ||
      m.subject.id === null ||
      m.target.level !== 'organization' ||
      m.target.id !== organizationId
    )
      continue;
    const known = members.get(m.subject.id);
    members.set(m.subject.id, { id: m.subject.id, name: m.subject.name, mappings: [...(known?.mappings ?? []), m.id] });
  }
  return members;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** A user holding the role at the organization through one or more of its groups. */
interface GroupHolder {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly groups: readonly string[];
}

interface RoleHolder {
  readonly user: { readonly id: string; readonly name: string; readonly status: string };
  readonly mappings: readonly {
    readonly role: { readonly id: string };
    readonly target: { readonly level: string; readonly id: string };
    readonly kind: 'direct' | 'group' | 'everyone';
    readonly group: { readonly id: string; readonly name: string } | null;
  }[];
}

/** The users holding the role at the organization through a group the role is mapped to there. */
async function readGroupHolders(roleId: string, organizationId: string, signal?: AbortSignal): Promise<GroupHolder[]> {
  const holders = await readAllPages<RoleHolder>(`/v1/roles/${segment(roleId)}/users`, {}, signal);
  return holders
    .map((h) => ({
      ...h.user,
      groups: [
        ...new Set(
          h.mappings
            .filter(
              (m) =>
                m.kind === 'group' &&
                m.group !== null &&
                m.role.id === roleId &&
                m.target.level === 'organization' &&
                m.target.id === organizationId,
            )
            .map((m) => m.group?.name ?? ''),
        ),
      ],
    }))
    .filter((h) => h.groups.length > 0)
    .sort(byName);
}

/** Akana's two panes: users found on the left, users holding the role on the right; Save applies the difference. */
function MembersEditor({ organization }: { organization: Organization }) {
  const { roleId = '' } = useParams();
  const [role, setRole] = useState<Role | null>(null);
  const [saved, setSaved] = useState<ReadonlyMap<string, Member> | null>(null);
  const [working, setWorking] = useState<ReadonlyMap<string, { id: string; name: string }>>(new Map());
  const [loadError, setLoadError] = useState<unknown>(null);
  const [throughGroups, setThroughGroups] = useState<readonly GroupHolder[]>([]);
  const [chosenFound, setChosenFound] = useState<ReadonlySet<string>>(new Set());
  const [chosenAssigned, setChosenAssigned] = useState<ReadonlySet<string>>(new Set());
  const [steps, setSteps] = useState<readonly Step[]>([]);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { access } = useAccess();
  // Assigning and removing: role:assign at the organization; finding users: user:view at home.
  const mayAssign = mayAt(access, 'role:assign', organization.id);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      api.get<Role>(`/v1/roles/${segment(roleId)}`, undefined, controller.signal),
      readMembers(roleId, organization.id, controller.signal),
      readGroupHolders(roleId, organization.id, controller.signal),
    ])
      .then(([found, members, viaGroups]) => {
        setRole(found);
        setThroughGroups(viaGroups);
        setSaved(members);
        setWorking(new Map([...members.values()].map((m) => [m.id, { id: m.id, name: m.name }])));
        setLoadError(null);
      })
      .catch((e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setLoadError(e);
      });
    return () => controller.abort();
  }, [roleId, organization.id]);

  const toAssign = useMemo(() => [...working.values()].filter((u) => !saved?.has(u.id)).sort(byName), [working, saved]);
  const toRemove = useMemo(
    () => [...(saved?.values() ?? [])].filter((m) => !working.has(m.id)).sort(byName),
    [working, saved],
  );

  const assign = (found: readonly User[]) => {
    const next = new Map(working);
    for (const user of found) if (chosenFound.has(user.id)) next.set(user.id, { id: user.id, name: qualified(user) });
    setWorking(next);
    setChosenFound(new Set());
    setDone(null);
  };
  const remove = () => {
    const next = new Map(working);
    for (const id of chosenAssigned) next.delete(id);
    setWorking(next);
    setChosenAssigned(new Set());
    setDone(null);
  };
  const discard = () => {
    if (saved === null) return;
    setWorking(new Map([...saved.values()].map((m) => [m.id, { id: m.id, name: m.name }])));
    setChosenFound(new Set());
    setChosenAssigned(new Set());
    setSteps([]);
    setDone(null);
  };

  /**
   * One change for the whole edit (POST /v1/mappings/batch): every assignment and removal is
   * applied, or none is. A refusal names its item (`add[1]`, `remove[0]`), shown beside that user.
   */
  const save = async () => {
    if (saved === null || role === null) return;
    const plan: Step[] = [
      ...toAssign.map((user): Step => ({ user, kind: 'assign', state: 'working', error: null })),
      ...toRemove.map(
        (member): Step => ({
          user: { id: member.id, name: member.name },
          kind: 'remove',
          state: 'working',
          error: null,
        }),
      ),
    ];
    setSaving(true);
    setDone(null);
    setSteps(plan);
    // Each removed mapping, with the step (user) it belongs to.
    const removals = toRemove.flatMap((member, i) =>
      (saved.get(member.id)?.mappings ?? []).map((id) => ({ id, step: toAssign.length + i })),
    );
    let outcome: Step[];
    try {
      await api.post('/v1/mappings/batch', {
        add: toAssign.map((user) => ({
          role: role.id,
          subject: { kind: 'user', id: user.id },
          target: { type: 'organization', id: organization.id },
        })),
        remove: removals.map((r) => r.id),
      });
      outcome = plan.map((step) => ({ ...step, state: 'done' }));
    } catch (error) {
      const item = error instanceof ApiError ? /^(add|remove)\[(\d+)\]: /.exec(error.detail) : null;
      const failing =
        item === null ? -1 : item[1] === 'add' ? Number(item[2]) : (removals[Number(item[2])]?.step ?? -1);
      // Nothing was applied: the refused item fails, the others wait for the next save.
      outcome = plan.map((step, index) => ({
        ...step,
        state: failing < 0 || index === failing ? 'failed' : 'waiting',
        error: failing < 0 || index === failing ? error : null,
      }));
    }
    setSteps(outcome);
    // Read back what the server holds; keep what failed as still to save.
    let members: Map<string, Member>;
    try {
      members = await readMembers(role.id, organization.id);
    } catch (error) {
      setLoadError(error);
      setSaving(false);
      return;
    }
    const next = new Map([...members.values()].map((m) => [m.id, { id: m.id, name: m.name }]));
    for (const step of outcome) {
      if (step.state === 'done') continue;
      if (step.kind === 'assign') next.set(step.user.id, step.user);
      else next.delete(step.user.id);
    }
    setSaved(members);
    setWorking(next);
    setSaving(false);
    const failed = outcome.filter((s) => s.state === 'failed').length;
    setDone(
      failed === 0
        ? `Saved the members of ${role.name}: ${outcome.length} ${outcome.length === 1 ? 'change' : 'changes'} applied.`
        : null,
    );
  };

  if (loadError !== null && role === null) {
    return (
      <>
        <BackLink />
        <ErrorMessage error={loadError} />
      </>
    );
  }
  if (role === null || saved === null) {
    return (
      <>
        <BackLink />
        <p className="loading">Loading…</p>
      </>
    );
  }
  const changes = toAssign.length + toRemove.length;
  return (
    <article aria-labelledby="members-title">
      <BackLink />
      <h2 id="members-title">Members of {role.name}</h2>
      <RoleBadges role={role} organization={organization.id} />
      <p className="hint">
        Users who hold {role.name} at {organization.name}: directly, which you edit here, and through its groups, which
        you edit on the Groups page. Users holding it only at a project are not listed.
      </p>
      {role.deprecated || !role.assignable ? (
        <p className="warning">
          {role.name} is {role.deprecated ? 'deprecated' : 'not assignable'}: the server refuses new assignments of it;
          removing members still works.
        </p>
      ) : null}
      <ErrorMessage error={loadError} />
      {mayAssign ? null : (
        <p className="hint">
          Assigning and removing members of {role.name} here takes role:assign in {organization.name}.
        </p>
      )}
      <div className="member-panes">
        {mayAssign && mayAt(access, 'user:view') ? (
          <FoundUsers
            working={working}
            chosen={chosenFound}
            onChoose={setChosenFound}
            onAssign={assign}
            disabled={saving}
          />
        ) : null}
        <AssignedUsers
          role={role}
          working={working}
          saved={saved}
          throughGroups={throughGroups}
          chosen={chosenAssigned}
          onChoose={setChosenAssigned}
          onRemove={remove}
          disabled={saving}
          mayRemove={mayAssign}
        />
      </div>
      {mayAssign ? (
        <section className="panel" aria-labelledby="changes-title">
          <h3 id="changes-title">Changes to save</h3>
          {changes === 0 ? (
            <p className="empty">No changes: assign or remove users above.</p>
          ) : (
            <ul className="plain-list">
              {toAssign.length > 0 ? <li>Assign: {toAssign.map((u) => u.name).join(', ')}</li> : null}
              {toRemove.length > 0 ? <li>Remove: {toRemove.map((u) => u.name).join(', ')}</li> : null}
            </ul>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={() => void save()} disabled={saving || changes === 0}>
              Save
            </button>
            <button type="button" onClick={discard} disabled={saving || changes === 0}>
              Discard changes
            </button>
          </div>
          <Done message={done} />
          <SaveProgress steps={steps} />
        </section>
      ) : null}
    </article>
  );
}

function BackLink() {
  return (
    <p>
      <Link to="/role-memberships">Back to the roles</Link>
    </p>
  );
}

/** Toggles one id in a set of chosen ids. */
function toggled(set: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

function FoundUsers({
  working,
  chosen,
  onChoose,
  onAssign,
  disabled,
}: {
  working: ReadonlyMap<string, unknown>;
  chosen: ReadonlySet<string>;
  onChoose: (chosen: Set<string>) => void;
  onAssign: (found: readonly User[]) => void;
  disabled: boolean;
}) {
  const [name, setName] = useState('');
  const search = useSettled(name.trim());
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<User>>('/v1/users', { name: search, limit, after }, signal),
    [search],
  );
  const users = usePaged(loader, USERS_PAGE_SIZE);
  const chosenHere = users.items.filter((u) => chosen.has(u.id));
  return (
    <section className="panel member-pane" aria-labelledby="found-title">
      <h3 id="found-title">Find users</h3>
      <div className="field">
        <label htmlFor="member-search">Username contains</label>
        <input
          id="member-search"
          type="search"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
        />
      </div>
      <ErrorMessage error={users.error} />
      <fieldset aria-busy={users.loading}>
        <legend>Users found</legend>
        {users.items.map((user) => {
          const assigned = working.has(user.id);
          return (
            <label key={user.id} className="check">
              <input
                type="checkbox"
                checked={!assigned && chosen.has(user.id)}
                disabled={assigned || disabled}
                onChange={(e) => onChoose(toggled(chosen, user.id, e.target.checked))}
              />
              {qualified(user)}
              {assigned ? <span className="badge">Assigned</span> : null}
              {user.status === 'active' ? null : <span className="badge badge-warning">{user.status}</span>}
            </label>
          );
        })}
        {!users.loading && users.error === null && users.items.length === 0 ? (
          <p className="empty">{search === '' ? 'There are no users.' : `No username contains “${search}”.`}</p>
        ) : null}
        {users.loading && users.items.length === 0 ? <p className="loading">Loading…</p> : null}
        <Pager paged={users} label="users found" />
      </fieldset>
      <button type="button" onClick={() => onAssign(chosenHere)} disabled={disabled || chosenHere.length === 0}>
        Assign{chosenHere.length > 0 ? ` ${chosenHere.length}` : ''}{' '}
        <span aria-hidden="true" className="arrow-beside">
          →
        </span>
        <span aria-hidden="true" className="arrow-stacked">
          ↓
        </span>
      </button>
    </section>
  );
}

function AssignedUsers({
  role,
  working,
  saved,
  throughGroups,
  chosen,
  onChoose,
  onRemove,
  disabled,
  mayRemove,
}: {
  role: Role;
  working: ReadonlyMap<string, { id: string; name: string }>;
  saved: ReadonlyMap<string, Member>;
  throughGroups: readonly GroupHolder[];
  chosen: ReadonlySet<string>;
  onChoose: (chosen: Set<string>) => void;
  onRemove: () => void;
  disabled: boolean;
  mayRemove: boolean;
}) {
  const members = useMemo(() => [...working.values()].sort(byName), [working]);
  // A local pager: the working set is read whole (Save needs it) but shown a page at a time.
  const [pageIndex, setPageIndex] = useState(0);
  const pages = Math.max(1, Math.ceil(members.length / ASSIGNED_PAGE_SIZE));
  const index = Math.min(pageIndex, pages - 1);
  const shown = members.slice(index * ASSIGNED_PAGE_SIZE, (index + 1) * ASSIGNED_PAGE_SIZE);
  const chosenCount = members.filter((m) => chosen.has(m.id)).length;
  return (
    <section className="panel member-pane" aria-labelledby="assigned-title">
      <h3 id="assigned-title">Assigned users</h3>
      <fieldset>
        <legend>
          Holding {role.name} directly ({members.length})
        </legend>
        {shown.map((member) => (
          <label key={member.id} className="check">
            <input
              type="checkbox"
              checked={chosen.has(member.id)}
              disabled={disabled || !mayRemove}
              onChange={(e) => onChoose(toggled(chosen, member.id, e.target.checked))}
            />
            {member.name}
            {saved.has(member.id) ? null : <span className="badge badge-new">To assign</span>}
          </label>
        ))}
        {members.length === 0 ? <p className="empty">Nobody holds {role.name} directly here.</p> : null}
        {pages > 1 ? (
          <nav className="pager" aria-label="Pages of assigned users">
            <button type="button" onClick={() => setPageIndex(index - 1)} disabled={index === 0}>
              Previous
            </button>
            <span aria-live="polite">
              Page {index + 1} of {pages}
            </span>
            <button type="button" onClick={() => setPageIndex(index + 1)} disabled={index >= pages - 1}>
              Next
            </button>
          </nav>
        ) : null}
      </fieldset>
      {mayRemove ? (
        <button type="button" onClick={onRemove} disabled={disabled || chosenCount === 0}>
          <span aria-hidden="true" className="arrow-beside">
            ←
          </span>
          <span aria-hidden="true" className="arrow-stacked">
            ↑
          </span>{' '}
          Remove{chosenCount > 0 ? ` ${chosenCount}` : ''}
        </button>
      ) : null}
      <h4 id="through-groups-title">
        Holding {role.name} through groups ({throughGroups.length})
      </h4>
      {throughGroups.length === 0 ? (
        <p className="empty">Nobody holds {role.name} through a group here.</p>
      ) : (
        <ul className="plain-list through-groups" aria-labelledby="through-groups-title">
          {throughGroups.map((holder) => (
            <li key={holder.id}>
              {holder.name}{' '}
              <span className="badge">
                {holder.groups.length === 1 ? 'Via group' : 'Via groups'} {holder.groups.join(', ')}
              </span>
              {holder.status === 'active' ? null : <span className="badge badge-warning">{holder.status}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const STEP_WORDS: Readonly<Record<Step['state'], string>> = {
  waiting: 'not applied',
  working: 'working…',
  done: 'done',
  failed: 'failed',
};

/** Each user's change as Save applies it, with its outcome and, on failure, the reason. */
function SaveProgress({ steps }: { steps: readonly Step[] }) {
  if (steps.length === 0) return null;
  const finished = steps.filter((s) => s.state === 'done' || s.state === 'failed').length;
  const applied = steps.filter((s) => s.state === 'done').length;
  const failed = finished - applied;
  return (
    <div className="save-progress">
      <p role="status">
        {finished < steps.length
          ? `Saving: ${finished} of ${steps.length} changes tried…`
          : `${applied} of ${steps.length} ${steps.length === 1 ? 'change' : 'changes'} applied${failed > 0 ? `; ${failed} failed: Save again to retry ${failed === 1 ? 'it' : 'them'}` : ''}.`}
      </p>
      <label className="progress-label">
        <span className="visually-hidden">Progress</span>
        <progress max={steps.length} value={finished} />
      </label>
      <ol aria-label="Changes applied">
        {steps.map((step) => (
          <li key={`${step.kind}:${step.user.id}`} className={`step step-${step.state}`}>
            {step.kind === 'assign' ? 'Assign' : 'Remove'} {step.user.name}: {STEP_WORDS[step.state]}
            <ErrorMessage error={step.error} />
          </li>
        ))}
      </ol>
    </div>
  );
}
