import { useCallback, useDeferredValue, useState } from 'react';
import { mayAt, useAccess } from '../access';
import { type Organization, type Page, type Project, api, segment } from '../api';
import { ConfirmButton } from '../components/ConfirmButton';
import { Done } from '../components/Done';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormField } from '../components/FormField';
import { Pager, PaginatedTable, usePaged } from '../components/Paginated';
import { usePageTitle } from '../components/Placeholder';
import { GrantForm } from '../components/project-access/GrantForm';
import { useLocalPages } from '../components/project-access/useLocalPages';
import { useAction } from '../components/useAction';
import { useLoaded } from '../components/useLoaded';
import { useOrganizations } from '../organizations';
import './ProjectAccess.css';

const PROJECTS_PER_PAGE = 20;
const MAPPINGS_PER_PAGE = 20;

/** One role mapping on the project's access page (GET /v1/projects/:project/access). */
interface AccessEntry {
  readonly mapping: string;
  readonly role: { readonly id: string; readonly name: string };
  readonly subject: { readonly kind: string; readonly id: string | null; readonly name: string };
  readonly level: { readonly level: string; readonly id: string; readonly name: string };
  /** Mapped at the organization (or a parent organization), so it reaches the project too. */
  readonly inherited: boolean;
}

interface ProjectAccess {
  readonly project: Project;
  readonly mappings: readonly AccessEntry[];
  readonly note: string;
  readonly revision: number;
}

/** "Group Developer", "User PRIMARY/alice", "Everyone signed in"; lower case inside a sentence. */
function subjectLabel(subject: AccessEntry['subject'], inSentence = false): string {
  const label = (() => {
    switch (subject.kind) {
      case 'group':
        return `Group ${subject.name}`;
      case 'user':
        return `User ${subject.name}`;
      case 'everyone':
        return 'Everyone signed in';
      case 'anonymous':
        return 'Anyone, signed in or not';
      default:
        return subject.name;
    }
  })();
  return inSentence && subject.kind in KIND_WORDS ? label[0]!.toLowerCase() + label.slice(1) : label;
}

const KIND_WORDS = { group: true, user: true, everyone: true, anonymous: true } as const;

/** Who has access to a project: the roles mapped at it, and those inherited from its organizations. */
export function ProjectAccessPage() {
  usePageTitle('Project access');
  const { current } = useOrganizations();
  // The chosen project belongs to the organization it was chosen in; another organization starts unchosen.
  const [chosen, setChosen] = useState<{ organization: string; project: Project } | null>(null);
  const project = chosen !== null && chosen.organization === current?.id ? chosen.project : null;

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Project access</h1>
      <p>Choose a project to see who holds which role there, grant a group a role at the project, or remove one.</p>
      {current === null ? (
        <p className="empty">No organization is chosen: choose one in the header.</p>
      ) : (
        <div className="columns">
          <ProjectChooser
            organization={current}
            selected={project?.id ?? null}
            onSelect={(p) => setChosen({ organization: current.id, project: p })}
          />
          {project === null ? (
            <p className="empty">Choose a project of {current.name}.</p>
          ) : (
            <ProjectAccessDetails key={project.id} organization={current} project={project} />
          )}
        </div>
      )}
    </section>
  );
}

function ProjectChooser({
  organization,
  selected,
  onSelect,
}: {
  organization: Organization;
  selected: string | null;
  onSelect: (project: Project) => void;
}) {
  const [search, setSearch] = useState('');
  const needle = useDeferredValue(search.trim());
  const loader = useCallback(
    (after: string | null, limit: number, signal: AbortSignal) =>
      api.get<Page<Project>>(
        `/v1/organizations/${segment(organization.id)}/projects`,
        { name: needle, limit, after },
        signal,
      ),
    [organization.id, needle],
  );
  const projects = usePaged(loader, PROJECTS_PER_PAGE);
  const label = `Projects of ${organization.name}`;

  return (
    <div className="panel project-chooser">
      <h2>Projects</h2>
      <FormField label="Find a project">
        <input
          type="search"
          name="project-search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={200}
        />
      </FormField>
      <ErrorMessage error={projects.error} />
      {projects.items.length > 0 ? (
        <nav aria-label={label}>
          <ul className="project-list">
            {projects.items.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="tree-item"
                  aria-current={p.id === selected ? 'true' : undefined}
                  onClick={() => onSelect(p)}
                >
                  {p.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {!projects.loading && projects.error === null && projects.items.length === 0 ? (
        <p className="empty">
          {needle === ''
            ? `${organization.name} has no projects yet: create one on the Organizations page.`
            : 'No project matches.'}
        </p>
      ) : null}
      {projects.loading && projects.items.length === 0 ? <p className="loading">Loading…</p> : null}
      <Pager paged={projects} label={label} />
    </div>
  );
}

function useProjectAccess(projectId: string) {
  const load = useCallback(
    (signal: AbortSignal) => api.get<ProjectAccess>(`/v1/projects/${segment(projectId)}/access`, undefined, signal),
    [projectId],
  );
  const { value, loading, error, reload } = useLoaded(load);
  return { access: value, loading, error, reload };
}

function ProjectAccessDetails({ organization, project }: { organization: Organization; project: Project }) {
  const { access, loading, error, reload } = useProjectAccess(project.id);
  const all = access?.mappings ?? [];
  const inherited = useLocalPages(
    all.filter((m) => m.inherited),
    { loading, error: null, reload },
    MAPPINGS_PER_PAGE,
  );
  const own = useLocalPages(
    all.filter((m) => !m.inherited),
    { loading, error: null, reload },
    MAPPINGS_PER_PAGE,
  );
  const path = access?.project.path ?? project.path;
  // Granting and removing a role at the project: role:assign there.
  const mayAssign = mayAt(useAccess().access, 'role:assign', { organization: organization.id, project: project.id });

  const remove = useAction(async (entry: AccessEntry) => {
    await api.delete(`/v1/mappings/${segment(entry.mapping)}`);
    reload();
    return `Removed ${entry.role.name} of ${subjectLabel(entry.subject, true)} at ${path}.`;
  });

  return (
    <section aria-labelledby="project-title" className="details">
      <h2 id="project-title">{path}</h2>
      <ErrorMessage error={error} />
      {access === null ? null : (
        <div className="precedence-note" role="note">
          <p>{access.note}</p>
        </div>
      )}

      <section className="panel" aria-labelledby="own-title">
        <h3 id="own-title">Mapped at the project</h3>
        <ErrorMessage error={remove.error} />
        <Done message={remove.done} />
        <PaginatedTable
          paged={own}
          caption={`Role mappings at ${path}`}
          rowKey={(m) => m.mapping}
          empty="No role is mapped at this project itself: only the inherited mappings below reach it."
          columns={[
            { header: 'Role', cell: (m) => m.role.name },
            { header: 'Subject', cell: (m) => subjectLabel(m.subject) },
            ...(mayAssign
              ? [
                  {
                    header: 'Remove',
                    cell: (m: AccessEntry) => (
                      <ConfirmButton
                        confirm={`Remove ${m.role.name} of ${subjectLabel(m.subject, true)} at ${path}?`}
                        onConfirm={() => void remove.run(m)}
                        disabled={remove.busy}
                      >
                        Remove
                      </ConfirmButton>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>

      {mayAssign ? (
        <GrantForm organization={organization} project={access?.project ?? project} onGranted={reload} />
      ) : (
        <p className="hint">Granting or removing a role at {path} takes role:assign there.</p>
      )}

      <section className="panel" aria-labelledby="inherited-title">
        <h3 id="inherited-title">Inherited from organizations (these take precedence)</h3>
        <p className="hint">
          These mappings sit at {organization.name} or above it and apply to every project in it; removing them is done
          on the organization, not here.
        </p>
        <PaginatedTable
          paged={inherited}
          caption={`Inherited role mappings reaching ${path}`}
          rowKey={(m) => m.mapping}
          empty="No role mapped at an organization reaches this project."
          columns={[
            { header: 'Role', cell: (m) => m.role.name },
            { header: 'Subject', cell: (m) => subjectLabel(m.subject) },
            {
              header: 'Inherited from',
              cell: (m) => (
                <>
                  <span className="badge">Inherited</span> organization {m.level.name}
                </>
              ),
            },
          ]}
        />
      </section>
    </section>
  );
}
