import type { App, ServerContext } from '../context.js';

export function auditRoutes(_app: App, _context: ServerContext): void {}
