import type { App, ServerContext } from '../context.js';

export function projectRoutes(_app: App, _context: ServerContext): void {}
