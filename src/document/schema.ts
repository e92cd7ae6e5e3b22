import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LEVELS, USER_STATUSES } from '../core/model.js';

/**
 * The access-as-code document of DESIGN §7 as TypeBox schemas. The published JSON Schema under
 * `schema/` is generated from these (`npm run schema`); a test keeps the two equal.
 */

const Name = Type.String({ minLength: 1, maxLength: 256 });
const Description = Type.String({ maxLength: 4096 });
const Level = Type.Union(LEVELS.map((level) => Type.Literal(level)));
const Strict = { additionalProperties: false } as const;

export const PermissionEntry = Type.Object(
  {
    key: Type.String({ pattern: '^[A-Za-z0-9_.\\-]+(:[A-Za-z0-9_.\\-]+)*$', maxLength: 256 }),
    description: Type.Optional(Description),
    levels: Type.Optional(Type.Array(Level, { minItems: 1, uniqueItems: true })),
    visibilityGated: Type.Optional(Type.Boolean()),
  },
  Strict,
);

export const RoleEntry = Type.Object(
  {
    name: Name,
    organization: Type.Optional(Type.Union([Name, Type.Null()])),
    description: Type.Optional(Description),
    permissions: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    includes: Type.Optional(Type.Array(Name)),
    aliases: Type.Optional(Type.Array(Name)),
    predefined: Type.Optional(Type.Boolean()),
    deprecated: Type.Optional(Type.Boolean()),
    assignable: Type.Optional(Type.Boolean()),
    editable: Type.Optional(Type.Boolean()),
    exemptFromTwoFactor: Type.Optional(Type.Boolean()),
    store: Type.Optional(Type.Union([Name, Type.Null()])),
  },
  Strict,
);

export const ScopeEntry = Type.Object(
  { name: Name, description: Type.Optional(Description), roles: Type.Array(Name) },
  Strict,
);

export const UserStoreEntry = Type.Object(
  { name: Name, readOnly: Type.Optional(Type.Boolean()), description: Type.Optional(Description) },
  Strict,
);

export const ResourceEntry = Type.Object(
  {
    type: Type.String({ pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 }),
    name: Name,
    private: Type.Optional(Type.Boolean()),
  },
  Strict,
);

export const ProjectEntry = Type.Object({ name: Name, resources: Type.Optional(Type.Array(ResourceEntry)) }, Strict);

export const OrganizationEntry = Type.Object(
  {
    name: Name,
    parent: Type.Optional(Type.Union([Name, Type.Null()])),
    requireTwoFactor: Type.Optional(Type.Boolean()),
    adminRole: Type.Optional(Type.Union([Name, Type.Null()])),
    projects: Type.Optional(Type.Array(ProjectEntry)),
    resources: Type.Optional(Type.Array(ResourceEntry)),
  },
  Strict,
);

export const UserEntry = Type.Object(
  {
    username: Name,
    store: Type.Optional(Name),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
    status: Type.Optional(Type.Union(USER_STATUSES.map((status) => Type.Literal(status)))),
  },
  Strict,
);

export const GroupEntry = Type.Object(
  {
    organization: Name,
    name: Name,
    store: Type.Optional(Name),
    description: Type.Optional(Description),
    members: Type.Optional(Type.Array(Name)),
    /** Shorthand: each role is mapped to the group at the group's organization. */
    roles: Type.Optional(Type.Array(Name)),
  },
  Strict,
);

/** Exactly one subject key and exactly one target key; the loader reports any other combination. */
export const MappingEntry = Type.Object(
  {
    role: Name,
    group: Type.Optional(Name),
    user: Type.Optional(Name),
    everyone: Type.Optional(Type.Literal(true)),
    anonymous: Type.Optional(Type.Literal(true)),
    organization: Type.Optional(Name),
    project: Type.Optional(Name),
    resource: Type.Optional(Name),
  },
  Strict,
);

/** What every organization starts with: Choreo's predefined groups, WSO2's everyone role, Akana's guest. */
export const OrganizationDefaults = Type.Object(
  {
    groups: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Name, description: Type.Optional(Description), roles: Type.Optional(Type.Array(Name)) },
          Strict,
        ),
      ),
    ),
    mappings: Type.Optional(
      Type.Array(
        Type.Object(
          {
            role: Name,
            group: Type.Optional(Name),
            everyone: Type.Optional(Type.Literal(true)),
            anonymous: Type.Optional(Type.Literal(true)),
          },
          Strict,
        ),
      ),
    ),
  },
  Strict,
);

export const SettingsEntry = Type.Object({ adminRole: Type.Optional(Type.Union([Name, Type.Null()])) }, Strict);

const documentFields = {
  /** Start from this preset (its permissions, roles, scopes and organization defaults). */
  preset: Type.Optional(Name),
  description: Type.Optional(Description),
  settings: Type.Optional(SettingsEntry),
  userStores: Type.Optional(Type.Array(UserStoreEntry)),
  permissions: Type.Optional(Type.Array(PermissionEntry)),
  roles: Type.Optional(Type.Array(RoleEntry)),
  scopes: Type.Optional(Type.Array(ScopeEntry)),
  organizationDefaults: Type.Optional(OrganizationDefaults),
  organizations: Type.Optional(Type.Array(OrganizationEntry)),
  users: Type.Optional(Type.Array(UserEntry)),
  groups: Type.Optional(Type.Array(GroupEntry)),
  mappings: Type.Optional(Type.Array(MappingEntry)),
};

export const TesseraDocument = Type.Object(
  { kind: Type.Optional(Type.Literal('tessera/document')), ...documentFields },
  { ...Strict, $id: 'https://tessera.dev/schema/tessera-document.schema.json', title: 'Tessera document' },
);
export type TesseraDocument = Static<typeof TesseraDocument>;

/** `user` may (or may not) hold `permission` on `on`: `{ type, id }` or `type/id`. A missing user is a guest. */
export const Expectation = Type.Object(
  {
    name: Type.Optional(Description),
    user: Type.Optional(Type.Union([Name, Type.Null()])),
    may: Type.Optional(Type.String({ minLength: 1 })),
    mayNot: Type.Optional(Type.String({ minLength: 1 })),
    on: Type.Union([Type.String({ minLength: 1 }), Type.Object({ type: Name, id: Name }, Strict)]),
  },
  Strict,
);

export const PolicyTestDocument = Type.Object(
  {
    kind: Type.Literal('tessera/policy-tests'),
    fixture: Type.Object(documentFields, Strict),
    expectations: Type.Array(Expectation, { minItems: 1 }),
  },
  { ...Strict, $id: 'https://tessera.dev/schema/tessera-policy-tests.schema.json', title: 'Tessera policy tests' },
);
export type PolicyTestDocument = Static<typeof PolicyTestDocument>;

export const PUBLISHED_SCHEMAS: Readonly<Record<string, TSchema>> = {
  'tessera-document.schema.json': TesseraDocument,
  'tessera-policy-tests.schema.json': PolicyTestDocument,
};
