import type { ComponentType } from 'react';
import { AccessCheckerPage } from './pages/AccessChecker';
import { ApprovalsPage } from './pages/Approvals';
import { AuditLogPage } from './pages/AuditLog';
import { GroupsPage } from './pages/Groups';
import { InvitationsPage } from './pages/Invitations';
import { MyAccessPage } from './pages/MyAccess';
import { OrganizationsPage } from './pages/Organizations';
import { OutboxPage } from './pages/Outbox';
import { ProjectAccessPage } from './pages/ProjectAccess';
import { ResourcesPage } from './pages/Resources';
import { RoleMembershipsPage } from './pages/RoleMemberships';
import { RolesPage } from './pages/Roles';
import { ScopesPage } from './pages/Scopes';
import { SecurityPage } from './pages/Security';
import { UserStoresPage } from './pages/UserStores';
import { UsersPage } from './pages/Users';

export interface ConsolePage {
  /** The route under /console/ (also the page's link). */
  readonly path: string;
  /** Its name in the navigation. */
  readonly label: string;
  readonly Component: ComponentType;
}

/**
 * The signed-in pages, in navigation order. A new page is one entry here and one file in
 * pages/; a page with sub-routes (`groups/:id`) adds them in its own component with <Routes>.
 */
export const PAGES: readonly ConsolePage[] = [
  { path: 'organizations', label: 'Organizations', Component: OrganizationsPage },
  { path: 'my-access', label: 'My access', Component: MyAccessPage },
  { path: 'users', label: 'Users', Component: UsersPage },
  { path: 'user-stores', label: 'User stores', Component: UserStoresPage },
  { path: 'invitations', label: 'Invitations', Component: InvitationsPage },
  { path: 'groups', label: 'Groups', Component: GroupsPage },
  { path: 'roles', label: 'Roles', Component: RolesPage },
  { path: 'role-memberships', label: 'Role memberships', Component: RoleMembershipsPage },
  { path: 'project-access', label: 'Project access', Component: ProjectAccessPage },
  { path: 'resources', label: 'APIs and resources', Component: ResourcesPage },
  { path: 'scopes', label: 'Scopes', Component: ScopesPage },
  { path: 'access-checker', label: 'Access checker', Component: AccessCheckerPage },
  { path: 'audit-log', label: 'Audit log', Component: AuditLogPage },
  { path: 'approvals', label: 'Approvals', Component: ApprovalsPage },
  { path: 'security', label: 'Security', Component: SecurityPage },
  { path: 'outbox', label: 'Outbox', Component: OutboxPage },
];
