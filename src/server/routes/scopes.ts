import type { App, ServerContext } from '../context.js';

export function scopeRoutes(_app: App, _context: ServerContext): void {}
