import type { App, ServerContext } from '../context.js';
import { oauthRoutes } from '../oauth/routes.js';
import { applicationRoutes } from './applications.js';
import { auditRoutes } from './audit.js';
import { decisionRoutes } from './decisions.js';
import { groupRoutes } from './groups.js';
import { installationRoutes } from './installation.js';
import { invitationRoutes } from './invitations.js';
import { mappingRoutes } from './mappings.js';
import { organizationRoutes } from './organizations.js';
import { permissionRoutes } from './permissions.js';
import { projectRoutes } from './projects.js';
import { resourceAdministratorRoutes } from './resource-administrators.js';
import { roleRoutes } from './roles.js';
import { scopeRoutes } from './scopes.js';
import { sessionRoutes } from './session.js';
import { systemRoutes } from './system.js';
import { tenantConfRoutes } from './tenant-conf.js';
import { userRoutes } from './users.js';

/** Every route module, in the order they appear in the OpenAPI document. */
export function registerRoutes(app: App, context: ServerContext): void {
  systemRoutes(app, context);
  sessionRoutes(app, context);
  decisionRoutes(app, context);
  organizationRoutes(app, context);
  projectRoutes(app, context);
  resourceAdministratorRoutes(app, context);
  userRoutes(app, context);
  groupRoutes(app, context);
  invitationRoutes(app, context);
  roleRoutes(app, context);
  permissionRoutes(app, context);
  scopeRoutes(app, context);
  tenantConfRoutes(app, context);
  mappingRoutes(app, context);
  installationRoutes(app, context);
  auditRoutes(app, context);
  applicationRoutes(app, context);
  oauthRoutes(app, context);
}
