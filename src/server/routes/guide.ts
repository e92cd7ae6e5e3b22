import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import GithubSlugger from 'github-slugger';
import { Marked, type Token, type Tokens } from 'marked';
import type { App } from '../context.js';
import { HttpProblem } from '../problem.js';

/** The product's documentation (`docs/` at the repository root; the same depth from `dist/server/routes/`). */
export const DOCS_DIRECTORY = fileURLToPath(new URL('../../../docs/', import.meta.url));
export const GUIDE_PATH = '/docs/guide';

const STYLE = `body{font:16px/1.55 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem 4rem;color:#1f2328}
a{color:#0969da}nav{font-size:.9rem;margin-bottom:1rem}code{font:.9em ui-monospace,monospace;background:#f6f8fa;padding:.1em .3em;border-radius:4px}
pre{background:#f6f8fa;padding:1rem;overflow:auto;border-radius:6px}pre code{padding:0;background:none}
table{border-collapse:collapse;display:block;overflow:auto;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.35rem .6rem;vertical-align:top;text-align:left}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
/** Nothing but the page's own inline style: no script, no frame, no form. */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The anchors GitHub gives a Markdown file's headings, in order (`## The decision rule` → `the-decision-rule`). */
export function headingAnchors(markdown: string): string[] {
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  new Marked().walkTokens(new Marked().lexer(markdown), (token) => {
    if (token.type === 'heading') anchors.push(slugger.slug(plainText((token as Tokens.Heading).tokens)));
  });
  return anchors;
}

/** The text a reader sees: code spans, emphasis and links without their markup. */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if ('tokens' in token && Array.isArray(token.tokens)) return plainText(token.tokens);
      return 'text' in token && typeof token.text === 'string' ? token.text : '';
    })
    .join('');
}

/** `presets/choreo.md` → `presets/choreo`; `README.md` → `` (the index). */
function pageName(file: string): string {
  const name = file.replace(/\.md$/, '');
  return name === 'README' ? '' : name.replace(/\/README$/, '');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every `*.md` under the directory, relative with `/` separators. */
function markdownFiles(directory: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...markdownFiles(directory, relative));
    else if (entry.name.endsWith('.md')) files.push(relative);
  }
  return files.sort();
}

/** A relative link between pages made absolute under the guide; other links are left as written. */
function guideHref(href: string, from: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/') || href.startsWith('#')) return href;
  const [path = '', hash] = href.split('#', 2);
  if (!path.endsWith('.md')) return href;
  const target = posix.normalize(posix.join(posix.dirname(from), path));
  const name = pageName(target);
  return `${GUIDE_PATH}${name === '' ? '' : `/${name}`}${hash === undefined ? '' : `#${hash}`}`;
}

/** One page as a complete HTML document. */
export function renderGuidePage(markdown: string, file: string): string {
  const slugger = new GithubSlugger();
  let title = 'Tessera';
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type === 'link') token.href = guideHref(token.href, file);
    },
    renderer: {
      heading({ tokens, depth }) {
        const text = plainText(tokens);
        if (depth === 1 && title === 'Tessera') title = `${text} — Tessera`;
        return `<h${depth} id="${escapeHtml(slugger.slug(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      // The pages are the repository's own, but raw HTML in them is shown, never run.
      html({ text }) {
        return escapeHtml(text);
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav><a href="${GUIDE_PATH}">Documentation</a> · <a href="/docs">API reference</a> · <a href="/console/">Console</a></nav>
<main>
${body}</main>
</body>
</html>
`;
}

/**
 * The documentation of `docs/` as HTML: `/docs/guide` (the index) and `/docs/guide/<page>`. Pages
 * are rendered on the first request, not at start, and kept.
 */
export function guideRoutes(app: App, options: { readonly directory?: string } = {}): void {
  const directory = options.directory ?? DOCS_DIRECTORY;
  let pages: Map<string, string> | undefined;
  const page = (name: string): string | undefined => {
    if (pages === undefined) {
      pages = new Map();
      for (const file of markdownFiles(directory)) {
        pages.set(pageName(file), renderGuidePage(readFileSync(join(directory, file), 'utf8'), file));
      }
    }
    return pages.get(name);
  };

  const route = { config: { public: true }, schema: { hide: true } } as const;
  const serve = async (wanted: string, reply: FastifyReply) => {
    const name = pageName(wanted.replace(/\/+$/, ''));
    const html = page(name);
    if (html === undefined) {
      throw new HttpProblem('route-not-found', `${GUIDE_PATH}/${wanted} is not a page of the documentation`);
    }
    return reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  };
  app.get(GUIDE_PATH, route, async (_request, reply) => serve('', reply));
  app.get(`${GUIDE_PATH}/*`, route, async (request, reply) =>
    serve((request.params as { '*'?: string })['*'] ?? '', reply),
  );
}

/** As a plugin: `app.register(import('./routes/guide.js'))`. */
export default async function guidePlugin(app: App): Promise<void> {
  guideRoutes(app);
}
