import type { App, ServerContext } from '../context.js';

export function installationRoutes(_app: App, _context: ServerContext): void {}
