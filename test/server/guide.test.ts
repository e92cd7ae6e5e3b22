import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderGuidePage } from '../../src/server/routes/guide.js';
import { assertProblem, startTestServer, type TestServer } from './harness.js';

/** The `href`s and `id`s of a served page. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}
function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]!));
}

describe('the documentation served at /docs/guide', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('SQLite');
  });
  after(async () => server.close());

  it('serves the index as HTML to anyone, with a strict CSP and nosniff', async () => {
    const response = await server.anonymous.get('/docs/guide');
    assert.equal(response.status, 200);
    assert.match(response.contentType, /^text\/html; charset=utf-8/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe|script-src/);
    assert.match(response.body, /<h1 id="tessera-documentation">Tessera documentation<\/h1>/);
    assert.ok(hrefs(response.body).includes('/docs/guide/concepts'), 'the index links to the concepts page');
  });

  it('follows every link between pages to a page that exists and an anchor on it', async () => {
    const seen = new Map<string, string>();
    const queue = ['/docs/guide'];
    const anchors: { from: string; page: string; anchor: string }[] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const response = await server.anonymous.get(path);
      assert.equal(response.status, 200, `${path} (linked) answers ${response.status}`);
      seen.set(path, response.body as string);
      for (const href of hrefs(response.body)) {
        const [page = '', anchor] = href.split('#');
        const target = page === '' ? path : page;
        if (!target.startsWith('/docs/guide')) continue;
        if (anchor !== undefined) anchors.push({ from: path, page: target, anchor });
        queue.push(target);
      }
    }
    for (const page of ['/docs/guide/concepts', '/docs/guide/presets/choreo', '/docs/guide/reference/document'])
      assert.ok(seen.has(page), `${page} is reachable from the index`);
    for (const { from, page, anchor } of anchors)
      assert.ok(ids(seen.get(page)!).has(anchor), `${from} links to ${page}#${anchor}, which has no such heading`);
  });

  it('renders the generated pages, tables included', async () => {
    const response = await server.anonymous.get('/docs/guide/presets/choreo');
    assert.equal(response.status, 200);
    assert.match(response.body, /<table>/);
    assert.match(response.body, /<strong>Developer<\/strong>/);
  });

  it('answers an unknown page with a 404 problem', async () => {
    assertProblem(await server.anonymous.get('/docs/guide/no-such-page'), 404, 'route-not-found');
    assertProblem(await server.anonymous.get('/docs/guide/../package.json'), 404, 'route-not-found');
  });

  it('leaves the interactive API reference at /docs in place', async () => {
    const response = await server.anonymous.get('/docs/');
    assert.equal(response.status, 200);
    assert.match(response.contentType, /text\/html/);
  });
});

describe('rendering a documentation page', () => {
  it('shows raw HTML in a page as text instead of running it', () => {
    const html = renderGuidePage('# Title\n\n<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>', 'x.md');
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
    assert.match(html, /&#60;script&#62;/);
  });

  it('turns relative links to Markdown pages into guide links, keeping anchors', () => {
    const html = renderGuidePage(
      '[a](../concepts.md#the-decision-rule) [b](README.md) [c](https://example.com/x.md)',
      'presets/choreo.md',
    );
    assert.ok(hrefs(html).includes('/docs/guide/concepts#the-decision-rule'));
    assert.ok(hrefs(html).includes('/docs/guide/presets'));
    assert.ok(hrefs(html).includes('https://example.com/x.md'));
  });
});
