import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Conversation, ConversationEvent } from '../../../src/engine/model';
import { ExperimentSchema } from '../../../src/engine/model';
import { importFile } from '../../../src/engine/ingest/importer';
import { PrivacyViolationError, createComplianceValidator, createRedactor, parsePolicy, withCompliance } from '../../../src/engine/privacy';
import type { KaizenRedactor } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { buildCall, buildPattern, promptPayload, tempDir, testPorts } from '../store/builders';

const NOW = Date.UTC(2026, 2, 1);
const ports = testPorts();

/** A redactor that redacts nothing: what a broken or misconfigured host would hand the importer. */
const weakRedactor: KaizenRedactor = {
  ...createRedactor({ hmacKey: new Uint8Array(32).fill(7), hashing: ports.hashing }),
  redactText: (text: string) => ({ text, entities: [] }),
  redactConversation: (c: Conversation) => c,
};

function withEvent(callId: string, extra: Record<string, unknown>): Conversation {
  const c = buildCall(callId, { turns: 4 });
  const e = { callId, agentId: c.agentId, eventId: `${callId}-x`, ts: c.startedAt + 2500, ...extra } as ConversationEvent;
  return { ...c, events: [...c.events.slice(0, 3), e, ...c.events.slice(3)] };
}

/** Asserts a PrivacyViolationError naming `field` and `type` and not echoing `secret`. */
async function blocked(p: Promise<unknown>, field: RegExp, type: string, secret: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof PrivacyViolationError, String(err));
    assert.ok(err.findings.some((f) => field.test(f.field) && f.entityType === type), `${err.message} should name ${String(field)} (${type})`);
    assert.match(err.message, new RegExp(type));
    assert.equal(err.message.includes(secret), false, 'the report never echoes the value');
    return true;
  });
}

describe('privacy: withCompliance, every store and export path', () => {
  let raw: LearningStore;
  let store: LearningStore;
  beforeEach(async () => {
    raw = await openSqlStore({ ports });
    store = withCompliance(raw, createComplianceValidator(), { ports });
  });
  afterEach(async () => {
    await store.close();
  });

  it('lets a normal redacted store through every path, and a bundle round-trips', async () => {
    await store.putConversations([buildCall('c1'), buildCall('c2', { errors: 1 })]);
    await store.putCallAnalyses([
      { callId: 'c1', agentId: 'agent-a', intent: 'billing', intentConfidence: 0.8, outcome: { label: 'success', probability: 0.9 }, signals: [], detail: { fragments: [{ userTemplate: 'I was charged [DOLLAR_AMOUNT] twice, [CUSTOMER_NAME_1] here' }] }, analyzedAt: NOW },
    ]);
    await store.replacePatterns([buildPattern('p1', { template: 'I am sorry, [CUSTOMER_NAME]. Let me check order [ACCOUNT_NUMBER_1].', exampleCallIds: ['sample-7-000000', 'c1'] })]);
    await store.saveArtifact({ payload: { kind: 'template', intent: 'billing', steps: [{ role: 'agent', template: 'Thanks [CUSTOMER_NAME], I see two charges of [DOLLAR_AMOUNT:100-500].' }] }, title: 'Double charge', note: 'from 40 calls' });
    await store.putExperiment(ExperimentSchema.parse({ id: 'e1', name: 'Playbook prompt vs current prompt', salt: 'a1b2c3d4e5f60718', variants: [{ name: 'control', weight: 1 }, { name: 'playbook', weight: 1 }], primaryMetric: 'resolved', createdAt: NOW }));
    await store.appendJournal([{ stream: 'experiment:e1', kind: 'decision', ts: NOW, payload: { action: 'ship', reason: 'playbook beats control: +10.23 pp, p = 0.00601 (Holm-adjusted); CI [0.0296, 0.183]', unitsPerVariant: { control: 597, playbook: 603 } } }]);
    await store.upsertErrorFingerprints([{ fingerprint: 'fp1', template: 'lookup timed out after <N> ms', code: 'TOOL_TIMEOUT', tool: 'lookup', stage: 'tool', firstSeen: NOW, lastSeen: NOW, count: 2, exampleCallIds: ['sample-7-000000:0'] }]);
    const bundle = await store.exportBundle();
    const copy = withCompliance(await openSqlStore({ ports }), createComplianceValidator(), { ports });
    try {
      const r = await copy.importBundle(bundle);
      assert.equal(r.callsInserted, 2);
      assert.equal(r.patternsImported, 1);
    } finally {
      await copy.close();
    }
  });

  it('blocks PII at ingest in a tool result, a turn and an error message, after a redactor that missed it', async () => {
    await blocked(store.putConversations([withEvent('c1', { type: 'tool.result', toolCallId: 't9', ok: true, result: '{"contact":"jane.roe@example.org"}' })]), /^call c1\.events\[3\]\.result$/, 'EMAIL', 'jane.roe');
    await blocked(store.putConversations([buildCall('ok'), withEvent('c2', { type: 'turn', role: 'user', text: 'call me back on 415-555-0199 please' })]), /^call c2\.events\[3\]\.text$/, 'PHONE', '0199');
    await blocked(store.putConversations([withEvent('c3', { type: 'agent.error', code: 'E_CARD', message: 'card 4111 1111 1111 1111 declined', stage: 'tool' })]), /^call c3\.events\[3\]\.message$/, 'CARD_NUMBER', '4111');
    assert.equal(await raw.countCalls(), 0, 'nothing of a blocked batch is stored, not even its clean call');
  });

  it('turns a blocked call into an importer rejection and imports the rest of the file', async () => {
    const { dir, cleanup } = tempDir('kaizen-privacy-');
    try {
      const file = path.join(dir, 'calls.jsonl');
      const lines = [
        ...buildCall('clean-1', { turns: 2 }).events,
        ...withEvent('leaky', { type: 'turn', role: 'user', text: 'my email is jane.roe@example.org' }).events,
        ...buildCall('clean-2', { turns: 2 }).events,
      ].map((e) => JSON.stringify(e));
      writeFileSync(file, `${lines.join('\n')}\n`);
      const report = await importFile(file, { ports, store, redactor: weakRedactor });
      assert.equal(report.callsInserted, 2);
      assert.equal(report.rejected, 1);
      assert.match(report.rejections[0]!.field, /call leaky\.events\[\d+\]\.text \(EMAIL\)/);
      assert.equal(report.rejections[0]!.reason.includes('jane.roe'), false);
      assert.deepEqual((await raw.listCalls()).map((c) => c.callId).sort(), ['clean-1', 'clean-2']);
    } finally {
      cleanup();
    }
  });

  it('blocks an artifact with an email in a template step, and stores no version', async () => {
    await blocked(
      store.saveArtifact({ payload: { kind: 'template', intent: 'billing', steps: [{ role: 'agent', template: 'Write to refunds-maria.lopez@example.com for help' }] } }),
      /payload\.steps\[0\]\.template$/,
      'EMAIL',
      'maria.lopez',
    );
    await blocked(store.saveArtifact({ payload: promptPayload('Be kind.'), title: 'From Bonifacy Kaczmarek' }), /\.title$/, 'PERSON', 'Kaczmarek');
    assert.equal((await raw.listArtifacts()).length, 0);
  });

  it('blocks a pattern template with a phone, an analysis detail, a journal payload and a fingerprint template', async () => {
    await blocked(store.replacePatterns([buildPattern('p1'), buildPattern('p2', { template: 'call us back at (415) 555-0199' })]), /^pattern p2\.template$/, 'PHONE', '555');
    assert.equal((await raw.listPatterns()).length, 0);
    await blocked(
      store.putCallAnalyses([{ callId: 'c1', agentId: 'a', intent: 'x', intentConfidence: 1, outcome: { label: 'success', probability: 1 }, signals: [], detail: { fragments: [{ userTemplate: 'SSN 536-22-1234 on file' }] }, analyzedAt: NOW }]),
      /^analysis c1\.detail\.fragments\[0\]\.userTemplate$/,
      'SSN',
      '1234',
    );
    assert.equal(await raw.getCallAnalysis('c1'), undefined);
    await blocked(store.appendJournal([{ stream: 's', kind: 'note', ts: NOW, payload: { by: 'ops', comment: 'caller ip 203.0.113.77' } }]), /^journal s\[0\]\.payload\.comment$/, 'IP_ADDRESS', '203.0');
    assert.deepEqual(await raw.readJournal('s'), []);
    await blocked(
      store.upsertErrorFingerprints([{ fingerprint: 'fp', template: 'no account for jane.roe@example.org', firstSeen: NOW, lastSeen: NOW, count: 1, exampleCallIds: [] }]),
      /^errorFingerprint fp\.template$/,
      'EMAIL',
      'jane',
    );
    assert.deepEqual(await raw.listErrorFingerprints(), []);
    await blocked(
      store.putExperiment(ExperimentSchema.parse({ id: 'e2', name: 'Test for 415-555-0199', salt: 's', variants: [{ name: 'control', weight: 1 }, { name: 't', weight: 1 }], primaryMetric: 'resolved', createdAt: NOW })),
      /^experiment e2\.name$/,
      'PHONE',
      '0199',
    );
    assert.deepEqual(await raw.listExperiments(), []);
  });

  it('refuses to import a bundle holding PII and changes nothing; refuses to export a store written without the gate', async () => {
    // A store written without the wrapper (an old build, or another tool): its raw file holds an email.
    const { dir, cleanup } = tempDir('kaizen-privacy-');
    try {
      const file = path.join(dir, 'raw.db');
      const unguarded = await openSqlStore({ path: file, ports });
      await unguarded.putConversations([withEvent('leak', { type: 'turn', role: 'user', text: 'it is jane.roe@example.org' })]);
      await unguarded.replacePatterns([buildPattern('p1', { template: 'Thanks [CUSTOMER_NAME]' })]);
      const leakyBundle = await unguarded.exportBundle();
      await unguarded.close();

      await store.putConversations([buildCall('mine')]);
      await blocked(store.importBundle(leakyBundle), /^bundle call leak\.events\[3\]\.text$/, 'EMAIL', 'jane');
      assert.deepEqual((await raw.listCalls()).map((c) => c.callId), ['mine']);
      assert.deepEqual(await raw.listPatterns(), []);

      const reopened = withCompliance(await openSqlStore({ path: file, ports }), createComplianceValidator(), { ports });
      try {
        await blocked(reopened.exportBundle(), /^bundle call leak\.events\[3\]\.text$/, 'EMAIL', 'jane');
      } finally {
        await reopened.close();
      }
    } finally {
      cleanup();
    }
  });

  it('honours the workspace allowlist', async () => {
    const policy = parsePolicy({ allowlist: ['Bonifacy Kaczmarek'] });
    const lenient = withCompliance(await openSqlStore({ ports }), createComplianceValidator({ policy }), { ports, policy });
    try {
      const a = await lenient.saveArtifact({ payload: promptPayload('Be kind.'), title: 'From Bonifacy Kaczmarek' });
      assert.equal(a.version, 1);
    } finally {
      await lenient.close();
    }
  });
});
