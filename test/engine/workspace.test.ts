import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PolicyError, PrivacyViolationError, resolvePolicy } from '../../src/engine/privacy';
import { WorkspaceKeyError, createWorkspace, readWorkspaceKey } from '../../src/engine/workspace';
import type { WorkspaceSettings } from '../../src/engine/workspace';
import { createNodePorts, memorySecretStore } from '../../src/node/nodePorts';
import { SecretKeys } from '../../src/shared/secretKeys';
import { errorHistory } from './errors/history';

// The composition root both hosts use (src/cli/workspace.ts and src/extension/engine/engineService.ts
// pass only their ports and settings), so these rules are tested once, here, for both.
describe('engine workspace (the composition root of every host)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'kaizen-workspace-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const storePath = () => path.join(dir, '.kaizen', 'learning.db');
  const writePolicy = (json: unknown) => {
    mkdirSync(path.join(dir, '.kaizen'), { recursive: true });
    writeFileSync(path.join(dir, '.kaizen', 'privacy.json'), typeof json === 'string' ? json : JSON.stringify(json));
  };

  it('creates the HMAC key on first use, reuses it, and never replaces a malformed one', async () => {
    const secrets = memorySecretStore();
    const ws = createWorkspace({ ports: createNodePorts({ secrets }), storePath: storePath() });
    await ws.redactor();
    await ws.close();
    const key = await secrets.get(SecretKeys.workspaceHmacKey);
    assert.match(key ?? '', /^[0-9a-f]{64}$/);
    const again = createWorkspace({ ports: createNodePorts({ secrets }), storePath: storePath() });
    await again.redactor();
    await again.close();
    assert.equal(await secrets.get(SecretKeys.workspaceHmacKey), key);

    const broken = memorySecretStore({ [SecretKeys.workspaceHmacKey]: 'not-a-key' });
    await assert.rejects(createWorkspace({ ports: createNodePorts({ secrets: broken }), storePath: storePath() }).redactor(), WorkspaceKeyError);
    await assert.rejects(readWorkspaceKey(broken), /kaizen\.hmacKey is not 64 hex characters/);
    assert.equal(await broken.get(SecretKeys.workspaceHmacKey), 'not-a-key', 'the malformed key is left for the user to restore');
  });

  it('binds the store to the key its ids were hashed under: a host with another key is refused, the store unchanged', async () => {
    const cli = memorySecretStore();
    const first = createWorkspace({ ports: createNodePorts({ secrets: cli }), storePath: storePath() });
    await first.redactor();
    const store = await first.store();
    const boundId = await store.hashKeyId();
    assert.match(boundId ?? '', /^[0-9a-f]{16}$/);
    await store.save();
    await first.close();

    const otherHost = memorySecretStore();
    const second = createWorkspace({ ports: createNodePorts({ secrets: otherHost }), storePath: storePath() });
    await assert.rejects(second.redactor(), (err: unknown) => {
      assert.ok(err instanceof WorkspaceKeyError);
      assert.match(err.message, new RegExp(`hashed under key ${boundId}`));
      assert.match(err.message, /Use the CLI's Workspace Key/);
      return true;
    });
    assert.equal(await (await second.store()).hashKeyId(), boundId, 'the first key stays bound');
    await second.close();

    const sameKey = memorySecretStore({ [SecretKeys.workspaceHmacKey]: (await cli.get(SecretKeys.workspaceHmacKey))! });
    const third = createWorkspace({ ports: createNodePorts({ secrets: sameKey }), storePath: storePath() });
    await third.redactor();
    await third.close();
  });

  it('takes the policy from the workspace file and the host settings through one resolvePolicy', async () => {
    writePolicy({ allowlist: ['Zorbix'], minScore: 0.6 });
    let settings: WorkspaceSettings = {};
    const ws = createWorkspace({ ports: createNodePorts(), storePath: storePath(), settings: () => settings });
    assert.deepEqual((await ws.policy()).allowlist, ['Zorbix']);
    assert.equal((await ws.policy()).minScore, 0.6);
    settings = { privacy: { allowlist: ['Kowalczyk', 'Zorbix'], minScore: 0.8 } };
    const layered = await ws.policy();
    assert.deepEqual(layered.allowlist, ['Zorbix', 'Kowalczyk'], 'settings add allowlist terms');
    assert.equal(layered.minScore, 0.6, 'a laxer minScore in the settings does not override the file');
    settings = { privacy: { minScore: 0.3 } };
    assert.equal((await ws.policy()).minScore, 0.3, 'a stricter one does');
    assert.deepEqual(resolvePolicy({ settings: { allowlist: ['Acme'] } }).policy.allowlist, ['Acme']);
    const hostile = resolvePolicy({ file: { name: 'p.json', text: JSON.stringify({ minScore: 1 }) }, settings: { minScore: 1 } });
    assert.ok(hostile.policy.minScore < 1, 'neither source may raise minScore to 1');
  });

  it('refuses a bad policy file with an error naming the file and the field, in every use', async () => {
    writePolicy({ allowlist: [''] });
    const ws = createWorkspace({ ports: createNodePorts(), storePath: storePath(), describePath: (p) => path.relative(dir, p) });
    await assert.rejects(ws.store(), (err: Error) => err instanceof PolicyError && /\.kaizen[/\\]privacy\.json: .*allowlist/.test(err.message));
    await assert.rejects(ws.redactor(), PolicyError);
    writePolicy('{ not json');
    await assert.rejects(createWorkspace({ ports: createNodePorts(), storePath: storePath() }).policy(), /privacy\.json is not JSON/);
  });

  it('gates the store under the policy in force, and a changed setting applies to the next write', async () => {
    let settings: WorkspaceSettings = {};
    const ws = createWorkspace({ ports: createNodePorts(), storePath: storePath(), settings: () => settings });
    const store = await ws.store();
    try {
      await assert.rejects(store.appendJournal([{ stream: 's', kind: 'k', ts: 1, payload: { note: 'mail jane.roe@example.org' } }]), PrivacyViolationError);
      await assert.rejects(store.appendJournal([{ stream: 's', kind: 'k', ts: 1, payload: { note: 'agreed with Zorbix Kowalczyk' } }]), PrivacyViolationError);
      settings = { privacy: { allowlist: ['Zorbix Kowalczyk'] } };
      ws.settingsChanged();
      await ws.policy();
      await store.appendJournal([{ stream: 's', kind: 'k', ts: 1, payload: { note: 'agreed with Zorbix Kowalczyk' } }]);
      assert.equal((await store.readJournal('s')).length, 1);
    } finally {
      await ws.close();
    }
  });

  it('applies transcript retention after an import, and only when a retention setting is given', async () => {
    const day = 86_400_000;
    const started = Date.UTC(2026, 0, 1);
    const calls = path.join(dir, 'calls.jsonl');
    const e = (i: number, extra: Record<string, unknown>) => JSON.stringify({ eventId: `old:${i}`, callId: 'old', agentId: 'a', ts: started + i, ...extra });
    writeFileSync(calls, [e(0, { type: 'call.started' }), e(1, { type: 'turn', role: 'user', text: 'I need to change my booking' }), e(2, { type: 'call.ended', outcome: {} })].join('\n'));
    const clock = { now: () => started + 30 * day };

    const keep = createWorkspace({ ports: createNodePorts({ clock }), storePath: path.join(dir, 'keep.db') });
    const kept = await keep.importFile(calls, { sourceName: 'calls.jsonl' });
    assert.equal(kept.callsInserted, 1);
    assert.equal((await (await keep.store()).getConversation('old'))?.events.length, 3);
    const analyzed = await keep.analyze({ minSupport: 1 });
    assert.equal(analyzed.calls, 1, 'the pipeline runs on the workspace store');
    assert.equal((await (await keep.store()).getCallAnalysis('old'))?.callId, 'old');
    await keep.close();

    const purge = createWorkspace({ ports: createNodePorts({ clock }), storePath: path.join(dir, 'purge.db'), settings: () => ({ transcriptRetentionDays: 7 }) });
    const report = await purge.importFile(calls, { sourceName: 'calls.jsonl' });
    assert.equal(report.callsInserted, 1);
    const store = await purge.store();
    assert.equal(await store.countCalls(), 1, 'the call summary stays');
    assert.equal((await store.getConversation('old'))?.events.length ?? 0, 0, 'the 30-day-old transcript is gone');
    await purge.close();
  });
  it('applies .kaizen/fingerprints.json beside the store when analyzing; a bad file stops before anything is written', async () => {
    const ws = createWorkspace({ ports: createNodePorts({ secrets: memorySecretStore() }), storePath: storePath() });
    const calls = path.join(dir, 'calls.jsonl');
    writeFileSync(calls, errorHistory().flat().map((e) => JSON.stringify(e)).join('\n'));
    await ws.importFile(calls);
    writeFileSync(path.join(dir, '.kaizen', 'fingerprints.json'), JSON.stringify({ rules: [{ match: { tool: 'issue_refund' }, fingerprint: 'refunds/{{default}}' }] }));
    const summary = await ws.analyze();
    assert.ok(summary.errors.catalog.some((f) => f.fingerprint.startsWith('refunds/fp_')));
    assert.ok((await (await ws.store()).listErrorFingerprints()).some((f) => f.fingerprint.startsWith('refunds/fp_')));
    writeFileSync(path.join(dir, '.kaizen', 'fingerprints.json'), JSON.stringify({ rules: [{ match: {}, fingerprint: 'x' }] }));
    await assert.rejects(ws.analyze(), /rules\[0\]\.match: give at least one of tool, code, stage, message/);
    await ws.close();
  });
});
