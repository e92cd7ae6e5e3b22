// N admins edit the same roles at once, each in read-modify-write cycles with If-Match, retrying on
// 412: no update is lost. Without If-Match, the same race loses updates (printed, for contrast).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client, TestServer } from '../server/harness.js';
import { DATABASES, startTestServer } from '../server/harness.js';

const ADMINS = 6;
const CYCLES = 12;
const ROLES = 3;

interface Figures {
  writes: number;
  refused: number;
  lost: number;
}

/** One admin's cycles: read a role, add an alias of its own, write it back (with If-Match when asked). */
async function edit(client: Client, roles: readonly string[], admin: number, withIfMatch: boolean, figures: Figures) {
  const added: { role: string; alias: string }[] = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const role = roles[(admin + cycle) % roles.length]!;
    const alias = `a${admin}-c${cycle}-${withIfMatch ? 'm' : 'n'}`;
    for (let attempt = 0; ; attempt++) {
      assert.ok(attempt < 200, 'an edit kept conflicting');
      const read = await client.get(`/v1/roles/${role}`);
      assert.equal(read.status, 200);
      const headers: Record<string, string> = withIfMatch ? { 'if-match': read.headers.get('etag')! } : {};
      const aliases = [...(read.body.aliases as string[]), alias];
      const written = await client.request('PATCH', `/v1/roles/${role}`, { aliases }, headers);
      if (written.status === 412) {
        assert.equal(written.body.type, 'https://tessera.dev/problems/precondition-failed');
        figures.refused++;
        continue;
      }
      assert.equal(written.status, 200, JSON.stringify(written.body));
      figures.writes++;
      break;
    }
    added.push({ role, alias });
  }
  return added;
}

for (const kind of DATABASES) {
  describe(`concurrent conflicting edits (${kind})`, () => {
    let server: TestServer;
    let admins: Client[];
    before(async () => {
      server = await startTestServer(kind);
      admins = [];
      for (let i = 0; i < ADMINS; i++) admins.push((await server.user(`admin${i}`, { groups: ['Admin'] })).client);
    });
    after(() => server.close());

    const race = async (withIfMatch: boolean) => {
      const roles: string[] = [];
      for (let i = 0; i < ROLES; i++) {
        const created = await server.admin.post('/v1/roles', { name: `Race ${withIfMatch} ${i}` });
        assert.equal(created.status, 201);
        roles.push(created.body.role.id);
      }
      const figures: Figures = { writes: 0, refused: 0, lost: 0 };
      const started = performance.now();
      const added = (
        await Promise.all(admins.map((client, admin) => edit(client, roles, admin, withIfMatch, figures)))
      ).flat();
      for (const { role, alias } of added) if (!server.store.engine.role(role)!.aliases.includes(alias)) figures.lost++;
      console.log(
        `# ${kind}, ${withIfMatch ? 'with' : 'without'} If-Match: ${ADMINS} admins × ${CYCLES} edits of ${ROLES} roles in ` +
          `${Math.round(performance.now() - started)} ms; ${figures.writes} writes, ${figures.refused} refused (412) and retried, ` +
          `${figures.lost} of ${added.length} updates lost`,
      );
      return figures;
    };

    test('read-modify-write cycles with If-Match lose no update', async () => {
      const figures = await race(true);
      assert.equal(figures.lost, 0);
      assert.equal(figures.writes, ADMINS * CYCLES);
    });

    test('for contrast, the same cycles without If-Match (figures only)', async () => {
      const figures = await race(false);
      assert.equal(figures.writes, ADMINS * CYCLES);
    });
  });
}
