/** The installation settings: the admin role and the defaults every new organization starts with. */
import { SETTINGS_KEY } from '../effects.js';
import type { Settings } from '../model.js';
import type { ModelState } from '../state.js';
import { type Undo, invalid, notFound } from './shared.js';

export function setSettings(state: ModelState, settings: Settings, undo: Undo[]): void {
  if (settings.adminRole !== null && !state.roles.has(settings.adminRole)) throw notFound('role', settings.adminRole);
  for (const role of settingsRoles(settings)) if (!state.roles.has(role)) throw notFound('role', role);
  if (
    settings.signInPermission !== undefined &&
    settings.signInPermission !== null &&
    !state.permissions.has(settings.signInPermission)
  )
    throw notFound('permission', settings.signInPermission);
  for (const [type, rules] of Object.entries(settings.resourceTypes ?? {}))
    for (const key of [rules.create, rules.edit, rules.delete, rules.manageAdministrators])
      if (key !== null && !state.permissions.has(key))
        throw invalid(`resource type "${type}" names the unknown permission "${key}"`);
  const previous = state.settings;
  state.settings = {
    adminRole: settings.adminRole,
    ...(settings.signInPermission === undefined || settings.signInPermission === null
      ? {}
      : { signInPermission: settings.signInPermission }),
    ...(settings.requireTwoFactor === true ? { requireTwoFactor: true } : {}),
    organizationDefaults: {
      groups: settings.organizationDefaults.groups.map((g) => ({ ...g, roles: [...g.roles] })),
      mappings: settings.organizationDefaults.mappings.map((m) => ({ role: m.role, subject: { ...m.subject } })),
      ...(settings.organizationDefaults.signUpRole === undefined
        ? {}
        : { signUpRole: settings.organizationDefaults.signUpRole }),
    },
    ...(settings.resourceTypes === undefined || Object.keys(settings.resourceTypes).length === 0
      ? {}
      : {
          resourceTypes: Object.fromEntries(
            Object.entries(settings.resourceTypes).map(([type, rules]) => [type, { ...rules }]),
          ),
        }),
  };
  state.effects?.push({ kind: 'settings', key: SETTINGS_KEY, record: state.settings, previous });
  undo.push(() => (state.settings = previous));
}

/** Every role the organization defaults name: they must exist, and keep their roles from deletion. */
export function settingsRoles(settings: Settings): string[] {
  const defaults = settings.organizationDefaults;
  const administrators = Object.values(settings.resourceTypes ?? {}).flatMap((rules) =>
    rules.administratorRole === null ? [] : [rules.administratorRole],
  );
  return [
    ...defaults.groups.flatMap((g) => g.roles),
    ...defaults.mappings.map((m) => m.role),
    ...(defaults.signUpRole === undefined ? [] : [defaults.signUpRole]),
    ...administrators,
  ];
}
