import type { App, ServerContext } from '../context.js';

export function decisionRoutes(_app: App, _context: ServerContext): void {}
