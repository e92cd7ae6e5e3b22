import type { App, ServerContext } from '../context.js';

export function invitationRoutes(_app: App, _context: ServerContext): void {}
