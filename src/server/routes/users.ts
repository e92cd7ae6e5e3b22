import type { App, ServerContext } from '../context.js';

export function userRoutes(_app: App, _context: ServerContext): void {}
