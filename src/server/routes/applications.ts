import type { App, ServerContext } from '../context.js';

export function applicationRoutes(_app: App, _context: ServerContext): void {}
