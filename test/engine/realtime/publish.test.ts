import { strict as assert } from 'node:assert';
import { createComplianceValidator } from '../../../src/engine/privacy';
import {
  PublishError,
  approveArtifact,
  publicationHistory,
  publishArtifact,
  publisherFor,
  rollbackArtifact,
  sendRetellCorrection,
  sendVapiCorrection,
} from '../../../src/engine/realtime';
import type { PublishTarget } from '../../../src/engine/realtime';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { nodeHttpClient } from '../../../src/node/liveTransports';
import { createNodePorts } from '../../../src/node/nodePorts';
import { startAgentServer } from '../../../src/node/agentServer';
import { startRetellFake, startVapiFake } from '../../fakes/platformFakes';

const ports = createNodePorts();
const validator = createComplianceValidator();
const correction = { correctionId: 'k-1', callId: 'call-1', basedOnEventId: 'e-1', text: 'Validate the purchase first.', mode: 'silent' as const };

async function storeWithPrompt(text: string): Promise<LearningStore> {
  const store = await openSqlStore({ ports });
  await store.saveArtifact({ artifactId: 'prompt:support', payload: { kind: 'prompt', target: 'system', text }, title: 'Support prompt' });
  return store;
}

describe('publishers against loopback fakes of Vapi, Retell and a Kaizen endpoint', () => {
  let store: LearningStore;
  afterEach(async () => store?.close());

  it('refuses to publish what is not approved, and journals the refusal with the failing gate', async () => {
    store = await storeWithPrompt('Always validate the purchase before a refund.');
    const vapi = await startVapiFake();
    try {
      const target: PublishTarget = { kind: 'vapi', url: vapi.url, apiKey: 'test', assistantId: 'asst_kaizen' };
      const out = await publishArtifact(store, ports, publisherFor(nodeHttpClient, target), target, 'prompt:support', { validator });
      assert.equal(out.publication, undefined);
      assert.equal(out.gates.find((g) => g.name === 'approved')?.ok, false);
      assert.equal(vapi.requests.length, 0, 'nothing reached the platform');
      assert.equal((await store.readJournal('publishing')).at(-1)?.kind, 'refused');
    } finally {
      await vapi.close();
    }
  });

  it('the privacy gate stops a prompt holding PII', async () => {
    store = await storeWithPrompt('Call Grace Mensah back on 415-555-0132 about her refund.');
    await approveArtifact(store, ports, 'prompt:support');
    const vapi = await startVapiFake();
    try {
      const target: PublishTarget = { kind: 'vapi', url: vapi.url, apiKey: 'test', assistantId: 'asst_kaizen' };
      const out = await publishArtifact(store, ports, publisherFor(nodeHttpClient, target), target, 'prompt:support', { validator });
      assert.equal(out.gates.find((g) => g.name === 'privacy')?.ok, false);
      assert.equal(vapi.requests.length, 0);
    } finally {
      await vapi.close();
    }
  });

  it('Vapi: approve → draft → publish → live version, then one rollback restores the previous version', async () => {
    store = await storeWithPrompt('Always validate the purchase before offering a refund.');
    const approved = await approveArtifact(store, ports, 'prompt:support');
    assert.equal(approved.status, 'approved');
    const vapi = await startVapiFake();
    try {
      const target: PublishTarget = { kind: 'vapi', url: vapi.url, apiKey: 'test', assistantId: 'asst_kaizen' };
      const publisher = publisherFor(nodeHttpClient, target);
      const out = await publishArtifact(store, ports, publisher, target, 'prompt:support', { validator });
      assert.ok(out.gates.every((g) => g.ok), JSON.stringify(out.gates));
      assert.equal(out.publication?.liveVersion, '2');
      assert.equal(vapi.assistant.current, 2);
      assert.equal(vapi.assistant.versions[1]!.prompt, 'Always validate the purchase before offering a refund.');
      assert.equal((await store.getArtifact('prompt:support'))?.status, 'rolled-out');

      const back = await rollbackArtifact(store, ports, publisher, target, 'prompt:support');
      assert.equal(back.liveVersion, '3', 'a restore is a new current version');
      assert.equal(vapi.assistant.current, 3);
      assert.equal(vapi.assistant.versions[2]!.prompt, 'You are Acme support.');
      const history = await publicationHistory(store, 'prompt:support');
      assert.deepEqual(history.map((h) => h.action), ['published', 'rolled-back']);
      const kinds = (await store.readJournal('publishing')).map((e) => e.kind);
      assert.deepEqual(kinds, ['approved', 'published', 'rolled-back']);

      await sendVapiCorrection(nodeHttpClient, vapi.controlUrl('call-1'), correction);
      assert.deepEqual(vapi.liveMessages, [{ callId: 'call-1', content: 'Validate the purchase first.', triggerResponseEnabled: false }]);
    } finally {
      await vapi.close();
    }
  });

  it('Retell: update the LLM prompt, publish the agent, re-point the phone number; rollback re-points it to the earlier version', async () => {
    store = await storeWithPrompt('Version A: verify identity first.');
    await approveArtifact(store, ports, 'prompt:support');
    const retell = await startRetellFake();
    try {
      const target: PublishTarget = { kind: 'retell', url: retell.url, apiKey: 'test', agentId: 'agent_kaizen', llmId: 'llm_kaizen', phoneNumber: '+14155550100' };
      const publisher = publisherFor(nodeHttpClient, target);
      const first = await publishArtifact(store, ports, publisher, target, 'prompt:support', { validator });
      assert.equal(first.publication?.liveVersion, '0');
      // A second approved version of the same artifact goes live as the next agent version.
      await store.saveArtifact({ artifactId: 'prompt:support', payload: { kind: 'prompt', target: 'system', text: 'Version B: verify identity, then pull up the account.' } });
      await approveArtifact(store, ports, 'prompt:support');
      const second = await publishArtifact(store, ports, publisher, target, 'prompt:support', { validator });
      assert.equal(second.publication?.liveVersion, '1');
      assert.equal(retell.phone.agentVersion, 1);
      assert.equal(retell.agent.published[1]!.prompt, 'Version B: verify identity, then pull up the account.');

      const back = await rollbackArtifact(store, ports, publisher, target, 'prompt:support');
      assert.equal(back.liveVersion, '0');
      assert.equal(retell.phone.agentVersion, 0);

      await sendRetellCorrection(nodeHttpClient, target, correction);
      assert.deepEqual(retell.liveContext, [{ callId: 'call-1', additionalContext: 'Validate the purchase first.', triggerResponse: false }]);
    } finally {
      await retell.close();
    }
  });

  it('a platform error is a PublishError naming the request and the answer', async () => {
    store = await storeWithPrompt('Always validate the purchase before offering a refund.');
    await approveArtifact(store, ports, 'prompt:support');
    const vapi = await startVapiFake();
    try {
      const target: PublishTarget = { kind: 'vapi', url: vapi.url, apiKey: 'test', assistantId: 'no_such_assistant' };
      await assert.rejects(publishArtifact(store, ports, publisherFor(nodeHttpClient, target), target, 'prompt:support', { validator }), (err: unknown) => {
        assert.ok(err instanceof PublishError);
        assert.match(err.message, /PATCH .*\/assistant\/no_such_assistant answered 404/);
        return true;
      });
      assert.equal((await store.readJournal('publishing')).filter((e) => e.kind === 'published').length, 0);
    } finally {
      await vapi.close();
    }
  });

  it('Kaizen protocol: kaizen serve takes the artifact and reports its live version', async () => {
    store = await storeWithPrompt('Always validate the purchase before offering a refund.');
    await approveArtifact(store, ports, 'prompt:support');
    const server = await startAgentServer({ calls: [], speed: 0 });
    try {
      const target: PublishTarget = { kind: 'kaizen', url: server.urls.http };
      const out = await publishArtifact(store, ports, publisherFor(nodeHttpClient, target), target, 'prompt:support', { validator });
      assert.equal(out.publication?.liveVersion, '1');
      assert.equal(server.artifacts[0]?.text, 'Always validate the purchase before offering a refund.');
    } finally {
      await server.close();
    }
  });
});
