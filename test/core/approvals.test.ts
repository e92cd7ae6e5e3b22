import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type ApprovalSubject,
  canDecide,
  offeredWorkflows,
  workflowEnabled,
  workflowOf,
} from '../../src/core/approvals.js';
import { AccessEngine } from '../../src/core/engine.js';
import { applyDocument } from '../../src/document/index.js';
import { presetResolver } from '../../src/presets/index.js';

function engineOf(preset: string, rest: string): AccessEngine {
  const engine = new AccessEngine();
  applyDocument(engine, `preset: ${preset}\n${rest}`, { presets: presetResolver });
  return engine;
}

const AKANA = engineOf(
  'akana',
  `
organizations:
  - name: acme
    resources: [{ type: api, name: payments }, { type: api, name: orders }]
  - { name: acme-eu, parent: acme }
users: [{ username: root }, { username: pm }, { username: dev }]
mappings:
  - { role: Tenant Manager, user: root, organization: acme }
  - { role: Provision Manager, user: pm, resource: acme/api/payments }
`,
);

const api = (engine: AccessEngine, name: string) => engine.resources().find((r) => r.name === name)!.id;
const user = (engine: AccessEngine, name: string) => engine.user(name)!.id;

function contract(requester: string, target: string): ApprovalSubject {
  return { flow: 'subscription', status: 'pending', requester, targetType: 'api', targetId: target };
}

describe('approval rules (src/core/approvals.ts)', () => {
  test('each preset offers the flows its permission tree can approve', () => {
    const flows = (preset: string) => offeredWorkflows(engineOf(preset, '')).map((d) => `${d.flow}:${d.approver}`);
    assert.deepEqual(flows('akana'), ['api-publish:api:approve', 'subscription:api:contract:approve']);
    assert.deepEqual(flows('choreo'), ['subscription:workflow:approve:api-subscription']);
    assert.deepEqual(flows('wso2-apim'), [
      'api-publish:admin:manage:workflowadmin',
      'subscription:admin:manage:workflowadmin',
      'application-create:admin:manage:workflowadmin',
    ]);
  });

  test('maker/checker: the requester may not decide, even holding every permission', () => {
    const root = user(AKANA, 'root');
    const verdict = canDecide(AKANA, root, contract(root, api(AKANA, 'payments')));
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.reason, 'self-approval');
    assert.equal(canDecide(AKANA, root, contract(user(AKANA, 'dev'), api(AKANA, 'payments'))).ok, true);
  });

  test("a Provision Manager invited to one API decides its contracts, not another API's", () => {
    const pm = user(AKANA, 'pm');
    const dev = user(AKANA, 'dev');
    assert.equal(canDecide(AKANA, pm, contract(dev, api(AKANA, 'payments'))).ok, true);
    const other = canDecide(AKANA, pm, contract(dev, api(AKANA, 'orders')));
    assert.equal(!other.ok && other.reason, 'not-approver');
    assert.equal(canDecide(AKANA, dev, contract(pm, api(AKANA, 'payments'))).ok, false);
  });

  test('a decided request is decided for good', () => {
    const verdict = canDecide(AKANA, user(AKANA, 'pm'), {
      ...contract(user(AKANA, 'dev'), api(AKANA, 'payments')),
      status: 'rejected',
    });
    assert.equal(!verdict.ok && verdict.reason, 'decided');
  });

  test("an organization's setting reaches the organizations below it that set nothing; off by default", () => {
    const definition = workflowOf(AKANA, 'subscription')!;
    const acme = AKANA.organizations().find((o) => o.name === 'acme')!.id;
    const eu = AKANA.organizations().find((o) => o.name === 'acme-eu')!.id;
    assert.equal(workflowEnabled(AKANA, definition, eu, new Map()), false);
    assert.equal(workflowEnabled(AKANA, definition, eu, new Map([[acme, true]])), true);
    assert.equal(
      workflowEnabled(
        AKANA,
        definition,
        eu,
        new Map([
          [acme, true],
          [eu, false],
        ]),
      ),
      false,
    );
  });
});
