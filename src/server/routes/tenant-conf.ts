import type { App, ServerContext } from '../context.js';

export function tenantConfRoutes(_app: App, _context: ServerContext): void {}
