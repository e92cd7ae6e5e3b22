import type { App, ServerContext } from '../context.js';

export function mappingRoutes(_app: App, _context: ServerContext): void {}
