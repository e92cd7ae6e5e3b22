import type { App, ServerContext } from '../context.js';

export function groupRoutes(_app: App, _context: ServerContext): void {}
