import type { App, ServerContext } from '../context.js';

export function oauthRoutes(_app: App, _context: ServerContext): void {}
