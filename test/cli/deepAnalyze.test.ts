import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import { DEFAULT_PRICES } from '../../src/engine/llm';
import type { Conversation } from '../../src/engine/model';
import { openSqlStore } from '../../src/engine/store';
import { createNodePorts, memorySecretStore } from '../../src/node/nodePorts';
import { FakeAnthropicServer } from '../fakes/anthropicServer';
import { buildCall, buildPattern } from '../engine/store/builders';
import { capture } from './helpers';

const KEY = 'sk-ant-cli-test';

interface DeepOutput {
  mode: string;
  model: string | null;
  requests: number;
  usage: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number; cacheReadInputTokens: number };
  costUsd: number;
  findings: Array<{ id: string; summary: string; evidence: { calls: string[]; fingerprints: string[] }; hypotheses: string[] }>;
}

/** A store with two significant patterns (one citing a call that is not stored), one that is not, and an error fingerprint. */
async function writeStore(file: string, extra: Conversation[] = []): Promise<void> {
  const store = await openSqlStore({ path: file, ports: createNodePorts() });
  await store.putConversations([buildCall('c1'), buildCall('c2'), buildCall('c3', { errors: 1 }), buildCall('c4', { errors: 1 }), ...extra]);
  await store.replacePatterns([
    buildPattern('p-up', { lift: 0.3, liftPValue: 0.01, exampleCallIds: ['c1', 'c2', 'ghost-call'] }),
    buildPattern('p-down', { strategy: 'policy-citation', lift: -0.2, liftPValue: 0.02, exampleCallIds: ['c2', ...extra.map((c) => c.callId)] }),
    buildPattern('p-noise', { strategy: 'small-talk', lift: 0.01, liftPValue: 0.6, exampleCallIds: ['c1'] }),
  ]);
  await store.upsertErrorFingerprints([{ fingerprint: 'fp-lookup-timeout', template: 'lookup timed out', tool: 'lookup_account', code: 'TOOL_TIMEOUT', firstSeen: 0, lastSeen: 1, count: 2, exampleCallIds: ['c3', 'c4'] }]);
  await store.putCallAnalyses([
    { callId: 'c1', agentId: 'agent-a', intent: 'billing', intentConfidence: 0.9, outcome: { label: 'success', probability: 0.9 }, signals: [], errorFingerprints: ['fp-lookup-timeout', 'fp-unknown'], analyzedAt: 0 },
  ]);
  await store.close();
}

describe('cli: kaizen deep-analyze (the real SDK against a loopback Messages API)', function () {
  this.timeout(120_000);
  let cwd: string;
  let server: FakeAnthropicServer;
  const secrets = memorySecretStore();

  async function run(env: Record<string, string | undefined>, ...argv: string[]) {
    const out = capture();
    const err = capture();
    const code = await runCli(argv, { cwd, stdout: out.stream, stderr: err.stream, interactive: false, ports: createNodePorts({ secrets }), env });
    return { code, stdout: out.text(), stderr: err.text() };
  }
  const claudeEnv = () => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });

  beforeEach(async () => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'kaizen-cli-deep-'));
    server = await new FakeAnthropicServer({ apiKey: KEY, batchPollsBeforeEnd: 0 }).start();
    await writeStore(path.join(cwd, 'k.db'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('without a key: the engine\'s own findings, zero requests, evidence only ids the store knows', async () => {
    const r = await run({ ANTHROPIC_BASE_URL: server.url }, 'deep-analyze', '--store', 'k.db');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as DeepOutput;
    assert.deepEqual(Object.keys(out), ['mode', 'model', 'requests', 'usage', 'costUsd', 'findings']);
    assert.equal(out.mode, 'offline');
    assert.equal(out.model, null);
    assert.equal(out.requests, 0);
    assert.equal(out.costUsd, 0);
    assert.deepEqual(out.usage, { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 });
    assert.equal(server.received.length, 0);
    assert.equal(out.findings.length, 3, 'two significant patterns and one fingerprint; the insignificant pattern is left out');
    const [up, down, fp] = out.findings;
    assert.match(up!.summary, /billing · double charge → apologise-then-verify: 75 % success .* lift \+30 pts/);
    assert.deepEqual(up!.evidence, { calls: ['c1', 'c2'], fingerprints: ['fp-lookup-timeout'] }, 'the unstored call and the unknown fingerprint are not evidence');
    assert.match(down!.hypotheses[0]!, /worse than the alternatives/);
    assert.deepEqual(fp!.evidence, { calls: ['c3', 'c4'], fingerprints: ['fp-lookup-timeout'] });
    assert.match(fp!.summary, /"lookup timed out" recurred 2×/);
    assert.match(r.stderr, /no ANTHROPIC_API_KEY/);
  });

  it('with a key: one thinking request per finding over SSE, answers parsed, model-invented ids dropped, usage and cost in the output and the ledger', async () => {
    const r = await run(claudeEnv(), 'deep-analyze', '--store', 'k.db', '--thinking-budget', '2048');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.violations, []);
    const out = JSON.parse(r.stdout) as DeepOutput;
    assert.equal(out.mode, 'claude');
    assert.equal(out.model, 'claude-sonnet-4-6');
    assert.equal(out.requests, 3);
    assert.equal(server.messageRequests().length, 3);
    for (const req of server.messageRequests()) {
      assert.deepEqual(req.body.thinking, { type: 'enabled', budget_tokens: 2048 });
      assert.doesNotMatch(JSON.stringify(req.body.messages), /\bc[1-4]\b/, 'calls go out under labels (C1, C2…), never under their ids');
      assert.match(JSON.stringify(req.body.messages), /--- call C1 \(resolved, ended: completed\)/);
    }
    const systems = server.messageRequests().map((q) => JSON.stringify(q.body.system));
    assert.equal(new Set(systems).size, 1, 'one stable (cached) prefix for the whole run');
    assert.match(systems[0]!, /What the engine measured in this store \(4 calls\).*- billing · double charge → apologise-then-verify.*- \\"lookup timed out\\" recurred 2×/);
    assert.equal(out.findings[0]!.summary, 'The agent moves on before the caller agrees.');
    assert.deepEqual(out.findings[0]!.evidence.calls, ['c1', 'c2']);
    for (const f of out.findings) assert.ok(!f.evidence.calls.includes('invented-call-999'), 'an id only the model named is never evidence');
    assert.match(r.stderr, /dropped 1 call reference\(s\) the model cited/);
    assert.ok(out.usage.cacheCreationInputTokens > 0 && out.usage.cacheReadInputTokens > 0, 'the first request writes the cached prefix, the next read it');
    const p = DEFAULT_PRICES['claude-sonnet-4-6']!;
    const u = out.usage;
    const expected = (u.inputTokens * p.input + u.outputTokens * p.output + u.cacheCreationInputTokens * p.cacheWrite + u.cacheReadInputTokens * p.cacheRead) / 1e6;
    assert.ok(Math.abs(out.costUsd - expected) < 1e-12);
    const store = await openSqlStore({ path: path.join(cwd, 'k.db'), ports: createNodePorts() });
    try {
      const spend = await store.llmSpend({ purpose: 'deep-analyze' });
      assert.equal(spend.requests, 3);
      assert.ok(Math.abs(spend.costUsd - out.costUsd) < 1e-12);
      assert.equal(spend.cacheReadInputTokens, u.cacheReadInputTokens);
    } finally {
      await store.close();
    }
  });

  it('--batch sends one Message Batch and bills it at half price; --prices replaces the table', async () => {
    writeFileSync(path.join(cwd, 'prices.json'), JSON.stringify({ 'claude-haiku-4-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 } }));
    const r = await run(claudeEnv(), 'deep-analyze', '--store', 'k.db', '--batch', '--model', 'claude-haiku-4-5', '--prices', 'prices.json');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.violations, []);
    const out = JSON.parse(r.stdout) as DeepOutput;
    assert.equal(out.requests, 3);
    assert.equal(server.messageRequests().length, 0);
    assert.equal(server.received.filter((q) => q.path === '/v1/messages/batches').length, 1);
    const u = out.usage;
    const full = (u.inputTokens * 2 + u.outputTokens * 10 + u.cacheCreationInputTokens * 2.5 + u.cacheReadInputTokens * 0.2) / 1e6;
    assert.ok(Math.abs(out.costUsd - full / 2) < 1e-12);
  });

  it('a price table without the model: error naming it and the fix, exit 2, no request, the store unchanged', async () => {
    writeFileSync(path.join(cwd, 'prices.json'), JSON.stringify({ 'claude-haiku-4-5': DEFAULT_PRICES['claude-haiku-4-5'] }));
    const before = readFileSync(path.join(cwd, 'k.db'));
    const r = await run(claudeEnv(), 'deep-analyze', '--store', 'k.db', '--prices', 'prices.json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--prices prices\.json has no entry for "claude-sonnet-4-6": add "claude-sonnet-4-6": \{"input", "output", "cacheWrite", "cacheRead"\}/);
    assert.equal(r.stdout, '');
    assert.equal(server.received.length, 0);
    assert.deepEqual(readFileSync(path.join(cwd, 'k.db')), before);
    writeFileSync(path.join(cwd, 'bad.json'), JSON.stringify({ 'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite: 3.75 } }));
    const bad = await run(claudeEnv(), 'deep-analyze', '--store', 'k.db', '--prices', 'bad.json');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--prices bad\.json: "claude-sonnet-4-6"\.cacheRead: .*USD per million tokens/);
    const budget = await run(claudeEnv(), 'deep-analyze', '--store', 'k.db', '--thinking-budget', '100');
    assert.equal(budget.code, 2);
    assert.match(budget.stderr, /"100": use a whole number ≥ 1024/);
    assert.equal(server.received.length, 0);
  });

  it('refuses to send a call that still holds PII (written past the gate): exit 1, zero requests', async () => {
    rmSync(path.join(cwd, 'k.db'));
    const leaky = buildCall('c5');
    leaky.events.splice(2, 0, { eventId: 'c5-leak', callId: 'c5', agentId: 'agent-a', ts: leaky.startedAt + 1, type: 'turn', role: 'user', text: 'write to jane.doe@example.com please' });
    await writeStore(path.join(cwd, 'k.db'), [leaky]);
    const r = await run(claudeEnv(), 'deep-analyze', '--store', 'k.db');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused to send: blocked: .*EMAIL/);
    assert.doesNotMatch(r.stderr, /jane/);
    assert.equal(server.received.length, 0);
  });
});
