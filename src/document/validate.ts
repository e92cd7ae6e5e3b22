import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { LineCounter, parseDocument as parseYaml } from 'yaml';

/** One problem in a document, at a path such as `roles[3].permissions[1]`. */
export interface DocumentError {
  readonly path: string;
  readonly message: string;
}

export function formatError(error: DocumentError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

/** `/roles/3/permissions/1` → `roles[3].permissions[1]`. */
export function toPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  }
  return path;
}

/** Parses YAML (JSON is YAML too); syntax errors come back with their line and column. */
export function parseText(text: string): { value: unknown; errors: DocumentError[] } {
  const lineCounter = new LineCounter();
  const document = parseYaml(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      value: undefined,
      errors: document.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return { path: '', message: `line ${at.line}, column ${at.col}: ${error.message.split('\n')[0]}` };
      }),
    };
  }
  try {
    // Aliases expanding into more than 100 nodes each (a "billion laughs" bomb) are refused, not expanded.
    return { value: document.toJS({ maxAliasCount: 100 }), errors: [] };
  } catch (error) {
    return {
      value: undefined,
      errors: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
    };
  }
}

/** Structural validation against a published schema: every error, each with its path, none repeated. */
export function schemaErrors(schema: TSchema, value: unknown): DocumentError[] {
  const seen = new Set<string>();
  const errors: DocumentError[] = [];
  for (const error of Value.Errors(schema, value)) {
    const path = toPath(error.path);
    // A union reports each branch; the first message per path is the useful one.
    if (seen.has(path)) continue;
    seen.add(path);
    const message =
      error.message === 'Unexpected property'
        ? `unknown field "${path.split(/[.[]/).pop()}"`
        : error.message.charAt(0).toLowerCase() + error.message.slice(1);
    errors.push({ path, message });
  }
  return errors;
}
