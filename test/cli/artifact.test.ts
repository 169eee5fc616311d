import { strict as assert } from 'node:assert';
import path from 'node:path';
import { openSqlStore } from '../../src/engine/store';
import { createNodePorts } from '../../src/node/nodePorts';
import { startVapiFake } from '../fakes/platformFakes';
import type { CliSandbox } from './helpers';
import { cliSandbox } from './helpers';

describe('kaizen artifact list | show | approve | publish | rollback', function () {
  this.timeout(60_000);
  let sb: CliSandbox;
  beforeEach(async () => {
    sb = cliSandbox('kaizen-artifact-');
    const store = await openSqlStore({ path: path.join(sb.cwd, '.kaizen', 'learning.db'), ports: createNodePorts() });
    await store.saveArtifact({ artifactId: 'prompt:support', payload: { kind: 'prompt', target: 'system', text: 'Validate the purchase before offering a refund.' }, title: 'Support prompt' });
    await store.close();
  });
  afterEach(() => sb.dispose());

  it('publish is refused before approval (exit 1, the gate named); approve → publish to the Vapi fake → rollback, all journaled', async () => {
    const vapi = await startVapiFake();
    try {
      const target = ['--target', 'vapi', '--url', vapi.url, '--api-key', 'test', '--assistant', 'asst_kaizen'];
      const refused = await sb.run('artifact', 'publish', 'prompt:support', ...target);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /approved \(status draft\)/);
      assert.equal(vapi.requests.length, 0);

      const approved = await sb.run('artifact', 'approve', 'prompt:support', '--json');
      assert.equal(approved.code, 0, approved.stderr);
      assert.equal((JSON.parse(approved.stdout) as { status: string }).status, 'approved');
      const list = await sb.run('artifact', 'list', '--status', 'approved', '--json');
      assert.equal(list.stdout.trim().split('\n').length, 1);

      const published = await sb.run('artifact', 'publish', 'prompt:support', ...target, '--json');
      assert.equal(published.code, 0, published.stderr);
      assert.equal((JSON.parse(published.stdout) as { publication: { liveVersion: string } }).publication.liveVersion, '2');
      assert.equal(vapi.assistant.versions[1]!.prompt, 'Validate the purchase before offering a refund.');

      const back = await sb.run('artifact', 'rollback', 'prompt:support', ...target, '--json');
      assert.equal(back.code, 0, back.stderr);
      assert.equal(vapi.assistant.versions[vapi.assistant.current - 1]!.prompt, 'You are Acme support.');

      const show = await sb.run('artifact', 'show', 'prompt:support', '--json');
      const shown = JSON.parse(show.stdout) as { artifact: { status: string }; publications: { action: string }[]; gates: { name: string; ok: boolean }[] };
      assert.equal(shown.artifact.status, 'rolled-out');
      assert.deepEqual(shown.publications.map((p) => p.action), ['published', 'rolled-back']);
      assert.deepEqual(shown.gates.map((g) => g.name), ['approved', 'privacy', 'evidence', 'experiment']);
    } finally {
      await vapi.close();
    }
  });

  it('a missing target id is a usage error naming the option', async () => {
    await sb.run('artifact', 'approve', 'prompt:support');
    const r = await sb.run('artifact', 'publish', 'prompt:support', '--target', 'vapi', '--url', 'http://127.0.0.1:9', '--api-key', 'k');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /assistantId.*--assistant-id|--assistant/);
  });
});
