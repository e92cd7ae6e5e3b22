// Writes the published JSON Schemas under schema/ from the TypeBox definitions.
import { writeFileSync } from 'node:fs';
import { PUBLISHED_SCHEMAS } from '../src/document/schema.js';

export function renderSchema(name: string): string {
  const schema = PUBLISHED_SCHEMAS[name];
  if (schema === undefined) throw new Error(`no schema named ${name}`);
  return `${JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...schema }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const name of Object.keys(PUBLISHED_SCHEMAS)) {
    writeFileSync(new URL(`../schema/${name}`, import.meta.url), renderSchema(name));
    console.log(`schema/${name}`);
  }
}
