import type { App, ServerContext } from '../context.js';

export function roleRoutes(_app: App, _context: ServerContext): void {}
