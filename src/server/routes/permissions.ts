import type { App, ServerContext } from '../context.js';

export function permissionRoutes(_app: App, _context: ServerContext): void {}
