/**
 * References with a `/` in a URL path. A project is named by its `ORGANIZATION/PROJECT` path, a
 * group by `ORGANIZATION/NAME`, a user by `STORE/username`; in a path parameter the `/` belongs as
 * `%2F`. Project paths are also accepted with a plain `/` where that is unambiguous; elsewhere an
 * unknown endpoint's problem says to send `%2F`.
 */

const PROJECTS = '/v1/projects/';
/** The sub-resources of `/v1/projects/{project}`. */
const PROJECT_SUFFIXES = new Set(['access']);

/**
 * `/v1/projects/acme/engineering[/access]` → `/v1/projects/acme%2Fengineering[/access]`; any other
 * URL as it is. A project named like a sub-resource (`access`) still needs `%2F`.
 */
export function rewriteProjectPath(url: string): string {
  if (!url.startsWith(PROJECTS)) return url;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const rest = query < 0 ? '' : url.slice(query);
  const segments = path.slice(PROJECTS.length).split('/');
  if (segments.some((segment) => segment === '')) return url;
  let joined: string[] | undefined;
  if (segments.length === 2 && !PROJECT_SUFFIXES.has(segments[1]!)) joined = [`${segments[0]}%2F${segments[1]}`];
  else if (segments.length === 3 && PROJECT_SUFFIXES.has(segments[2]!))
    joined = [`${segments[0]}%2F${segments[1]}`, segments[2]!];
  return joined === undefined ? url : `${PROJECTS}${joined.join('/')}${rest}`;
}

/** The families of endpoints whose reference may hold a `/`, with an example of it encoded. */
const SLASHED = [
  { prefix: '/v1/projects/', example: '/v1/projects/acme%2Fengineering' },
  { prefix: '/v1/groups/', example: '/v1/groups/acme%2FEngineering' },
  { prefix: '/v1/users/', example: '/v1/users/PRIMARY%2Falice' },
  { prefix: '/v1/roles/', example: '/v1/roles/Internal%2Fcreator' },
] as const;

/** For an unknown endpoint under a family whose references may hold a `/`: how to send one. */
export function slashHint(path: string): string | null {
  const family = SLASHED.find((f) => path.startsWith(f.prefix));
  if (family === undefined) return null;
  return `; a reference holding "/" (a project path, ORGANIZATION/NAME of a group, STORE/username, a role's domain) is sent with its "/" as "%2F", e.g. ${family.example}`;
}
