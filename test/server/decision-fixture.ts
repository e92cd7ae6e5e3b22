import { randomUUID } from 'node:crypto';
import { type Client, type TestServer, startTestServer } from './harness.js';

/** What the decision route tests ask about: two projects of the home organization, a developer and an outsider. */
export interface DecisionFixture {
  readonly server: TestServer;
  /** dora, in the Developer group. */
  readonly developer: { readonly id: string; readonly client: Client; readonly password: string };
  /** oscar, in no group. */
  readonly outsider: { readonly id: string; readonly client: Client };
  /** The engineering project's id; marketing is asked about by name. */
  readonly engineering: string;
}

/** A SQLite server (the decision routes' answers do not depend on the store) with the fixture written. */
export async function startDecisionServer(): Promise<DecisionFixture> {
  const server = await startTestServer('SQLite');
  const engineering = randomUUID();
  const marketing = randomUUID();
  const home = server.home.id;
  await server.write([
    { op: 'project.put', project: { id: engineering, name: 'engineering', organization: home } },
    { op: 'project.put', project: { id: marketing, name: 'marketing', organization: home } },
  ]);
  const dev = await server.user('dora', { groups: ['Developer'] });
  const out = await server.user('oscar');
  return {
    server,
    developer: { id: dev.user.id, client: dev.client, password: dev.password },
    outsider: { id: out.user.id, client: out.client },
    engineering,
  };
}
