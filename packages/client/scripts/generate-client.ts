// Writes src/schema.d.ts from the OpenAPI document of a Tessera server started in-process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { DEFAULT_SETTINGS } from '../../../src/server/config.js';
import { startServer } from '../../../src/server/server.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../src/schema.d.ts', import.meta.url));

const HEADER = `/**
 * Generated from Tessera's /openapi.json by packages/client/scripts/generate-client.ts
 * (\`npm run client\`). Do not edit by hand.
 */

`;

/** Starts Tessera on a temporary SQLite file and a free port, and answers its OpenAPI document. */
export async function fetchOpenApi(): Promise<unknown> {
  const directory = mkdtempSync(join(tmpdir(), 'tessera-client-'));
  try {
    const server = await startServer({
      ...DEFAULT_SETTINGS,
      database: join(directory, 'tessera.db'),
      port: 0,
      logLevel: 'silent',
      adminPassword: 'unused-generating-the-client',
    });
    try {
      const response = await fetch(`${server.url}/openapi.json`);
      if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
      return await response.json();
    } finally {
      await server.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The text of src/schema.d.ts for Tessera as it is now. */
export async function generateSchema(): Promise<string> {
  const document = await fetchOpenApi();
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, await generateSchema());
  console.log(SCHEMA_FILE);
}
