#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build` writes it; tsx is for tests and development only).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('tessera: the CLI is not built: run `npm run build` first\n');
  process.exit(1);
}
await import(main.href);
