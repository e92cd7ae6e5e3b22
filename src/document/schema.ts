import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LEVELS, USER_STATUSES } from '../core/model.js';

/**
 * The access-as-code document (docs/documents.md) as TypeBox schemas. The published JSON Schema under
 * `schema/` is generated from these (`npm run schema`); a test keeps the two equal.
 */

/** A name: an organization, project, role, group, user, scope or store. */
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 256, description });
const Description = (description = 'Free text shown to administrators.') =>
  Type.String({ maxLength: 4096, description });
const Level = Type.Union(
  LEVELS.map((level) => Type.Literal(level)),
  { description: 'A level of the tree: `organization`, `project` or `resource`.' },
);
const Strict = { additionalProperties: false } as const;

export const PermissionEntry = Type.Object(
  {
    key: Type.String({
      pattern: '^[A-Za-z0-9_.\\-]+(:[A-Za-z0-9_.\\-]+)*$',
      maxLength: 256,
      description:
        'The permission key, its ancestors separated by `:` (`api:publish` sits under `api`). Granting a key grants every key under it; a parent must be declared before its children.',
    }),
    description: Type.Optional(Description('What holding the permission lets one do.')),
    levels: Type.Optional(
      Type.Array(Level, {
        minItems: 1,
        uniqueItems: true,
        description:
          'The levels a role mapping may grant this permission at; a mapping at any other level does not count for it. Default: every level.',
      }),
    ),
    visibilityGated: Type.Optional(
      Type.Boolean({
        description:
          'Reading or listing: a private resource does not inherit this permission from its project or organization. Default: false.',
      }),
    ),
    anonymousGated: Type.Optional(
      Type.Boolean({
        description:
          "The anonymous guest holds this permission on a resource only where the resource allows anonymous access (`anonymousAccess`), as Akana's Test Client does. Default: false.",
      }),
    ),
  },
  { ...Strict, description: 'A node of the permission tree.' },
);

export const RoleEntry = Type.Object(
  {
    name: Name('The role name, unique where it is defined; may carry a domain (`Internal/creator`).'),
    organization: Type.Optional(
      Type.Union([Name('An organization name.'), Type.Null()], {
        description:
          'The organization the role is defined in: only mappings in that organization may use it. Null or absent: defined at the root, usable in every organization.',
      }),
    ),
    description: Type.Optional(Description('What the role is for.')),
    permissions: Type.Optional(
      Type.Array(Type.String({ minLength: 1, description: 'A permission key, or `*` for the whole tree.' }), {
        description: 'Permission keys the role grants; each grants its subtree. `*` grants the whole tree.',
      }),
    ),
    includes: Type.Optional(
      Type.Array(Name('A role name.'), {
        description:
          'Roles this role includes (a composite role): it grants everything they grant. Cycles are refused.',
      }),
    ),
    aliases: Type.Optional(
      Type.Array(Name('Another name of the role.'), {
        description: 'Other names the role answers to, unique like the name.',
      }),
    ),
    predefined: Type.Optional(
      Type.Boolean({ description: 'Ships with a preset: can be viewed and copied, never deleted. Default: false.' }),
    ),
    deprecated: Type.Optional(
      Type.Boolean({
        description: 'Existing mappings keep working; the role cannot be newly assigned. Default: false.',
      }),
    ),
    assignable: Type.Optional(
      Type.Boolean({
        description:
          'False for infrastructure roles, which no write may give to anyone through any mapping or included role. Default: true.',
      }),
    ),
    editable: Type.Optional(
      Type.Boolean({ description: 'False when the role’s permissions may not be changed. Default: true.' }),
    ),
    exemptFromTwoFactor: Type.Optional(
      Type.Boolean({
        description:
          'Holders are excused from an organization’s two-factor requirement (recorded; sign-in does not ask for a second factor yet). Default: false.',
      }),
    ),
    store: Type.Optional(
      Type.Union([Name('A user store name.'), Type.Null()], {
        description:
          'The user store the role comes from; a role of a read-only store cannot be edited. Null or absent: an internal role.',
      }),
    ),
  },
  { ...Strict, description: 'A role: a named set of permissions.' },
);

export const ScopeEntry = Type.Object(
  {
    name: Name('The OAuth 2.0 scope name (`apim:api_create`).'),
    description: Type.Optional(Description('What the scope allows.')),
    roles: Type.Array(Name('A role name (a role defined at the root).'), {
      description: 'The roles allowed this scope: a token gets the scope when its user holds one of them.',
    }),
  },
  { ...Strict, description: 'An OAuth 2.0 scope and the roles allowed it.' },
);

export const UserStoreEntry = Type.Object(
  {
    name: Name('The store name, the domain in `STORE/username`; cannot contain `/`.'),
    readOnly: Type.Optional(
      Type.Boolean({
        description:
          'Users, groups and roles of a read-only store can be viewed and mapped to roles, never edited. `PRIMARY` is always read-write. Default: false.',
      }),
    ),
    description: Type.Optional(Description('What the store holds.')),
  },
  { ...Strict, description: 'A user store (a domain of users and groups).' },
);

export const ResourceEntry = Type.Object(
  {
    type: Type.String({
      pattern: '^[a-z][a-z0-9_-]*$',
      maxLength: 64,
      description: 'The resource type (`api`, `application`, `component`, …); types are open, but not a level name.',
    }),
    name: Name('The resource name, unique per type in its project or organization.'),
    private: Type.Optional(
      Type.Boolean({
        description:
          'A private resource does not inherit visibility-gated permissions from above: only a mapping on the resource itself or `resource:view-private` grants them. Default: false.',
      }),
    ),
    anonymousAccess: Type.Optional(
      Type.Boolean({
        description:
          "Whether the anonymous guest's grants of anonymous-gated permissions (Akana's `api:test`) count on this resource. Default: false.",
      }),
    ),
  },
  { ...Strict, description: 'A typed object inside a project or directly in an organization.' },
);

export const ProjectEntry = Type.Object(
  {
    name: Name('The project name, unique in its organization.'),
    resources: Type.Optional(Type.Array(ResourceEntry, { description: 'The resources inside the project.' })),
  },
  { ...Strict, description: 'A project: a unit of work inside one organization.' },
);

export const OrganizationEntry = Type.Object(
  {
    name: Name('The organization name, unique in the installation.'),
    parent: Type.Optional(
      Type.Union([Name('An organization name.'), Type.Null()], {
        description: 'The parent organization’s name; null or absent for a root organization.',
      }),
    ),
    requireTwoFactor: Type.Optional(
      Type.Boolean({
        description:
          'Records that signing in to this organization should need a second factor (not enforced at sign-in yet). Default: false.',
      }),
    ),
    adminRole: Type.Optional(
      Type.Union([Name('A role name.'), Type.Null()], {
        description:
          'Overrides the installation’s admin role for this organization: the role whose last active holder cannot be removed.',
      }),
    ),
    projects: Type.Optional(Type.Array(ProjectEntry, { description: 'The projects of the organization.' })),
    resources: Type.Optional(
      Type.Array(ResourceEntry, { description: 'Resources directly in the organization, outside any project.' }),
    ),
  },
  { ...Strict, description: 'An organization (a tenant), with its projects and resources.' },
);

export const UserEntry = Type.Object(
  {
    username: Name('The username, optionally qualified by its store (`PRIMARY/alice`).'),
    store: Type.Optional(Name('The user store; default: the username’s qualifier, else `PRIMARY`.')),
    email: Type.Optional(
      Type.Union([Type.String({ maxLength: 320, description: 'An email address.' }), Type.Null()], {
        description: 'The user’s email address; null for none.',
      }),
    ),
    status: Type.Optional(
      Type.Union(
        USER_STATUSES.map((status) => Type.Literal(status)),
        {
          description:
            'The account status: `invited`, `active` or `disabled`. A disabled user is denied everything. Default: `active`.',
        },
      ),
    ),
  },
  { ...Strict, description: 'A user (a person).' },
);

export const GroupEntry = Type.Object(
  {
    organization: Name('The organization the group belongs to.'),
    name: Name('The group name, unique in its organization.'),
    store: Type.Optional(Name('The user store the group lives in. Default: `PRIMARY`.')),
    description: Type.Optional(Description('What the group is for.')),
    members: Type.Optional(
      Type.Array(Name('A username, optionally store-qualified.'), {
        description: 'Users to add to the group (members already there and not listed stay).',
      }),
    ),
    /** Shorthand: each role is mapped to the group at the group's organization. */
    roles: Type.Optional(
      Type.Array(Name('A role name.'), {
        description: 'Shorthand: each role is mapped to the group at the group’s organization.',
      }),
    ),
  },
  { ...Strict, description: 'A group of users inside one organization.' },
);

/** Exactly one subject key and exactly one target key; the loader reports any other combination. */
export const MappingEntry = Type.Object(
  {
    role: Name('The role name, usable at the target’s organization.'),
    group: Type.Optional(Name('Subject: a group of the target’s organization or an organization above it.')),
    user: Type.Optional(Name('Subject: a username, optionally store-qualified.')),
    everyone: Type.Optional(Type.Literal(true, { description: 'Subject: every active signed-in user.' })),
    anonymous: Type.Optional(Type.Literal(true, { description: 'Subject: a guest (a caller who is not signed in).' })),
    organization: Type.Optional(Name('Target: an organization name.')),
    project: Type.Optional(Name('Target: a project as `organization/project`.')),
    resource: Type.Optional(
      Name('Target: a resource as `organization/project/type/name`, or `organization/type/name` outside a project.'),
    ),
    notBefore: Type.Optional(
      Type.String({
        description: 'The mapping counts from this instant (inclusive), ISO 8601. Absent: from the start.',
      }),
    ),
    expiresAt: Type.Optional(
      Type.String({
        description: 'The mapping stops counting at this instant (exclusive), ISO 8601. Absent: never expires.',
      }),
    ),
  },
  {
    ...Strict,
    description:
      'A role mapping: a role given to one subject (`group`, `user`, `everyone` or `anonymous`) at one target (`organization`, `project` or `resource`).',
  },
);

/** A separation-of-duties constraint between two roles (docs/concepts.md#separation-of-duties). */
export const ConstraintEntry = Type.Object(
  {
    name: Name('The constraint name, unique in its organization (or installation-wide).'),
    kind: Type.Union([Type.Literal('static'), Type.Literal('dynamic')], {
      description:
        '`static` (NIST SSD): no user holds both roles, through any path; `dynamic` (NIST DSD): no session uses both.',
    }),
    roles: Type.Array(Name('A role name, usable in the constraint’s organization.'), {
      minItems: 2,
      maxItems: 2,
      description: 'The two roles kept apart.',
    }),
    organization: Type.Optional(
      Name('Where the constraint holds: this organization and those below it. Absent: the whole installation.'),
    ),
    description: Type.Optional(Description('Why the two roles are kept apart.')),
  },
  { ...Strict, description: 'Two roles one user may not hold together (static) or use in one session (dynamic).' },
);

/** What every organization starts with: Choreo's predefined groups, WSO2's everyone role, Akana's guest. */
export const OrganizationDefaults = Type.Object(
  {
    groups: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Name('The group name.'),
            description: Type.Optional(Description('What the group is for.')),
            roles: Type.Optional(
              Type.Array(Name('A role name (defined at the root).'), {
                description: 'Roles mapped to the group at the organization.',
              }),
            ),
          },
          { ...Strict, description: 'A group every organization gets.' },
        ),
        { description: 'Groups created in every organization, with their roles mapped at the organization.' },
      ),
    ),
    mappings: Type.Optional(
      Type.Array(
        Type.Object(
          {
            role: Name('A role name (defined at the root).'),
            group: Type.Optional(Name('Subject: one of the default groups, by name.')),
            everyone: Type.Optional(Type.Literal(true, { description: 'Subject: every active signed-in user.' })),
            anonymous: Type.Optional(Type.Literal(true, { description: 'Subject: a guest.' })),
          },
          { ...Strict, description: 'A mapping every organization gets; exactly one subject.' },
        ),
        { description: 'Role mappings made at every organization.' },
      ),
    ),
    signUpRole: Type.Optional(
      Name(
        'A role name (defined at the root): what a person who signs themselves up gets at the organization, unless the organization names its own role. Sign-up itself is off until an organization turns it on.',
      ),
    ),
  },
  {
    ...Strict,
    description:
      'What every organization starts with (applied to the document’s organizations and to every organization created later).',
  },
);

const PermissionKeyOf = (description: string) =>
  Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Null()], { description }));

export const ResourceTypeEntry = Type.Object(
  {
    create: PermissionKeyOf('The permission creating a resource of the type needs, at its project or organization.'),
    edit: PermissionKeyOf('The permission editing (renaming, making private) a resource of the type needs, at it.'),
    delete: PermissionKeyOf('The permission deleting a resource of the type needs, at it.'),
    administratorRole: Type.Optional(
      Type.Union([Name('A root role name.'), Type.Null()], {
        description:
          'The role the creator of a resource of the type gets on it; its holders at the resource are the resource’s administrators.',
      }),
    ),
    manageAdministrators: PermissionKeyOf(
      'The permission, at the resource, that lets a holder add and remove its administrators.',
    ),
  },
  {
    ...Strict,
    description: 'What a resource type needs; a permission left out is `resource:manage`.',
  },
);

export const SettingsEntry = Type.Object(
  {
    adminRole: Type.Optional(
      Type.Union([Name('A role name.'), Type.Null()], {
        description:
          'The installation’s admin role: the no-lock-out rule keeps an active holder of it in every organization.',
      }),
    ),
    signInPermission: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Null()], {
        description:
          'A permission key a user must hold (at some organization) to sign in, as WSO2’s `/permission/admin/login`. Null: none needed.',
      }),
    ),
    requireTwoFactor: Type.Optional(
      Type.Boolean({
        description:
          'Every user needs a second factor (TOTP) to sign in, unless they hold a role flagged `exemptFromTwoFactor`. Default: false.',
      }),
    ),
    resourceTypes: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_-]*$' }), ResourceTypeEntry, {
        description:
          'Per resource type (`api`, `app`, …): the permissions its create, edit and delete need, its creator’s role and who manages its administrators.',
      }),
    ),
  },
  { ...Strict, description: 'Installation-wide settings.' },
);

const documentFields = {
  /** Start from this preset (its permissions, roles, scopes and organization defaults). */
  preset: Type.Optional(
    Name(
      'Start from this preset (`choreo`, `wso2-apim`, `akana`): its permissions, roles, scopes and organization defaults are applied first.',
    ),
  ),
  description: Type.Optional(Description('What the document is for.')),
  settings: Type.Optional(SettingsEntry),
  userStores: Type.Optional(
    Type.Array(UserStoreEntry, { description: 'User stores besides `PRIMARY`, which always exists.' }),
  ),
  permissions: Type.Optional(
    Type.Array(PermissionEntry, { description: 'Nodes of the permission tree, parents before children.' }),
  ),
  roles: Type.Optional(Type.Array(RoleEntry, { description: 'Roles, on top of the preset’s.' })),
  scopes: Type.Optional(Type.Array(ScopeEntry, { description: 'OAuth 2.0 scopes and the roles allowed each.' })),
  organizationDefaults: Type.Optional(OrganizationDefaults),
  organizations: Type.Optional(
    Type.Array(OrganizationEntry, { description: 'Organizations, in any order (parents are created first).' }),
  ),
  users: Type.Optional(Type.Array(UserEntry, { description: 'Users.' })),
  groups: Type.Optional(Type.Array(GroupEntry, { description: 'Groups and their members.' })),
  mappings: Type.Optional(Type.Array(MappingEntry, { description: 'Role mappings.' })),
  constraints: Type.Optional(
    Type.Array(ConstraintEntry, { description: 'Separation-of-duties constraints between roles.' }),
  ),
};

export const TesseraDocument = Type.Object(
  {
    kind: Type.Optional(
      Type.Literal('tessera/document', { description: 'The document kind; optional for this kind.' }),
    ),
    ...documentFields,
  },
  {
    ...Strict,
    $id: 'https://tessera.dev/schema/tessera-document.schema.json',
    title: 'Tessera document',
    description:
      'The state of a Tessera installation, or part of it, as one document: applied in one atomic write that creates what is missing and updates what differs.',
  },
);
export type TesseraDocument = Static<typeof TesseraDocument>;

/** `user` may (or may not) hold `permission` on `on`: `{ type, id }` or `type/id`. A missing user is a guest. */
export const Expectation = Type.Object(
  {
    name: Type.Optional(Description('A name for the expectation, shown instead of the generated one.')),
    user: Type.Optional(
      Type.Union([Name('A username, optionally store-qualified.'), Type.Null()], {
        description: 'The user asked about; null or absent asks about a guest.',
      }),
    ),
    may: Type.Optional(
      Type.String({ minLength: 1, description: 'The permission the user must hold (give `may` or `mayNot`).' }),
    ),
    mayNot: Type.Optional(
      Type.String({ minLength: 1, description: 'The permission the user must not hold (give `may` or `mayNot`).' }),
    ),
    on: Type.Union(
      [
        Type.String({
          minLength: 1,
          description: '`type/id`: `organization/acme`, `project/acme/engineering`, `api/pizza-shack`.',
        }),
        Type.Object(
          { type: Name('`organization`, `project` or a resource type.'), id: Name('An id, a path or a unique name.') },
          { ...Strict, description: 'The target as type and id.' },
        ),
      ],
      { description: 'The target: `type/id`, or `{ type, id }`.' },
    ),
    at: Type.Optional(
      Type.String({
        description: 'Decide at this instant (ISO 8601), for mappings with time limits. Absent: now.',
      }),
    ),
    activeRoles: Type.Optional(
      Type.Array(Name('A role name.'), {
        description:
          'Roles the session already used: a role a dynamic separation-of-duties constraint pairs with one of them does not count.',
      }),
    ),
  },
  { ...Strict, description: 'One expectation: a user may, or may not, hold a permission on a target.' },
);

/** A mapping tried on top of the fixture: refused (by a static separation-of-duties constraint, …) or accepted. */
export const AssignmentExpectation = Type.Object(
  {
    name: Type.Optional(Description('A name for the expectation, shown instead of the generated one.')),
    mapping: MappingEntry,
    refused: Type.Boolean({ description: 'true: the write must be refused; false: it must be accepted.' }),
  },
  { ...Strict, description: 'Whether adding one mapping to the fixture would be refused.' },
);

export const PolicyTestDocument = Type.Object(
  {
    kind: Type.Literal('tessera/policy-tests', { description: 'The document kind.' }),
    fixture: Type.Object(documentFields, {
      ...Strict,
      description: 'A Tessera document applied to a fresh, empty state before the expectations are checked.',
    }),
    expectations: Type.Array(Expectation, { minItems: 1, description: 'The expectations, checked in order.' }),
    assignments: Type.Optional(
      Type.Array(AssignmentExpectation, {
        description: 'Mappings tried one by one on top of the fixture, each expected refused or accepted.',
      }),
    ),
  },
  {
    ...Strict,
    $id: 'https://tessera.dev/schema/tessera-policy-tests.schema.json',
    title: 'Tessera policy tests',
    description: 'Policy tests: a fixture document and expectations about what its users may do.',
  },
);
export type PolicyTestDocument = Static<typeof PolicyTestDocument>;

export const PUBLISHED_SCHEMAS: Readonly<Record<string, TSchema>> = {
  'tessera-document.schema.json': TesseraDocument,
  'tessera-policy-tests.schema.json': PolicyTestDocument,
};
