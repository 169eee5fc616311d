import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { createNodePorts } from '../../src/node/nodePorts';
import type { CliSandbox } from './helpers';
import { cliSandbox } from './helpers';
import { permitDeskCalls } from '../engine/realtime/permitDesk';

/** Starts `kaizen serve` in-process and resolves with its first stdout line (the URLs) and its exit. */
function serve(sb: CliSandbox, ...argv: string[]): { urls: Promise<{ stream: string; events: string; http: string }>; exit: Promise<number> } {
  const out = new PassThrough();
  const err = new PassThrough();
  err.resume();
  const urls = new Promise<{ stream: string; events: string; http: string }>((resolve) => {
    let text = '';
    out.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(text.slice(0, nl)) as { stream: string; events: string; http: string });
    });
  });
  const exit = runCli(['serve', ...argv], { cwd: sb.cwd, stdout: out, stderr: err, interactive: false, ports: createNodePorts({ secrets: sb.secrets }) });
  return { urls, exit };
}

describe('kaizen serve | live | events', function () {
  this.timeout(120_000);
  let sb: CliSandbox;
  beforeEach(() => (sb = cliSandbox('kaizen-live-')));
  afterEach(() => sb.dispose());

  for (const kind of ['stream', 'events'] as const) {
    it(`serve replays generated calls; live (${kind === 'stream' ? 'WebSocket' : 'SSE'}) stores them redacted, sends corrections, prints the exit JSON`, async () => {
      writeFileSync(
        path.join(sb.cwd, 'rules.json'),
        JSON.stringify({ rules: [{ id: 'validate-first', when: { type: 'tool.called', tool: 'offer_refund', withoutPriorTool: 'validate_purchase' }, text: 'Validate the purchase first.', stopsTool: true }] }),
      );
      const server = serve(sb, '--count', '60', '--speed', '0', '--until-acked', '--log', 'serve.jsonl');
      const urls = await server.urls;
      assert.match(urls.stream, /^ws:\/\/127\.0\.0\.1:\d+\/v1\/stream$/);
      assert.match(urls.events, /^http:\/\/127\.0\.0\.1:\d+\/v1\/events$/);
      const live = await sb.run('live', '--endpoint', urls[kind], '--until-end', '--rules', 'rules.json', '--json');
      assert.equal(live.code, 0, live.stderr);
      const summary = JSON.parse(live.stdout.trim()) as { received: number; stored: number; duplicatesDropped: number; rejected: number; reconnects: number; corrections: { sent: number; acked: number }; decisionMs: { p50: number; p99: number }; roundTripMs: { p50: number; p99: number } };
      for (const key of ['received', 'stored', 'duplicatesDropped', 'rejected', 'reconnects', 'corrections', 'decisionMs', 'roundTripMs']) assert.ok(key in summary, key);
      assert.equal(summary.stored, summary.received);
      assert.ok(summary.corrections.sent > 0);
      assert.equal(summary.corrections.acked, summary.corrections.sent);
      assert.equal(await server.exit, 0);

      const log = readFileSync(path.join(sb.cwd, 'serve.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; status?: string });
      assert.equal(log.filter((e) => e.kind === 'correction').length, summary.corrections.sent);

      const events = await sb.run('events', '--json');
      assert.equal(events.code, 0, events.stderr);
      const lines = events.stdout.trim().split('\n').map((l) => JSON.parse(l) as { callId: string; seq: number; type: string; text?: string });
      assert.equal(lines.length, summary.stored);
      const byCall = new Map<string, number[]>();
      for (const e of lines) byCall.set(e.callId, [...(byCall.get(e.callId) ?? []), e.seq]);
      for (const seqs of byCall.values()) assert.deepEqual(seqs, seqs.map((_, i) => i), 'each call in seq order');
      // Redacted exactly as on import: the generator plants names, emails and numbers in the text.
      const text = lines.map((e) => e.text ?? '').join('\n');
      assert.match(text, /\[(CUSTOMER_NAME|EMAIL|PHONE|ACCOUNT_NUMBER)[^\]]*\]/);
      assert.doesNotMatch(text, /[\w.]+@[\w]+\.(com|net|org)/);

      const one = await sb.run('events', '--call', lines[0]!.callId);
      assert.equal(one.stdout.trim().split('\n').length, byCall.get(lines[0]!.callId)!.length);
    });
  }

  it('live --learn relearns rules from the calls as they end (analysis in the loop)', async () => {
    const server = serve(sb, '--count', '120', '--speed', '0', '--until-acked');
    const urls = await server.urls;
    const live = await sb.run('live', '--endpoint', urls.stream, '--until-end', '--learn', '--max-corrections-per-call', '1');
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stderr, /learn: \d+ rules \(\d+ from patterns, \d+ avoidance rules\) after analysing \d+ calls/);
    const summary = JSON.parse(live.stdout.trim().split('\n').pop()!) as { stored: number; received: number };
    assert.equal(summary.stored, summary.received);
    assert.equal(await server.exit, 0);
    const patterns = await sb.run('patterns', '--json');
    assert.ok(patterns.stdout.trim().length > 0, 'the unattended loop analysed the stored calls');
  });

  it('live --learn learns (intent, situation, move) patterns from streamed calls; a later live session corrects with them, citing the pattern', async () => {
    const toFile = (name: string, calls: readonly (readonly unknown[])[]) => writeFileSync(path.join(sb.cwd, name), calls.flat().map((e) => JSON.stringify(e)).join('\n') + '\n');
    const training = permitDeskCalls('rec', 30, 5);
    const held = permitDeskCalls('live', 2, 99);
    toFile('train.jsonl', training.events);
    toFile('live.jsonl', held.events);

    const first = serve(sb, '--calls', 'train.jsonl', '--speed', '0', '--until-acked');
    const learn = await sb.run('live', '--endpoint', (await first.urls).stream, '--until-end', '--learn', '--seeds', 'off', '--json');
    assert.equal(learn.code, 0, learn.stderr);
    assert.match(learn.stderr, /learn: \d+ rules \([1-9]\d* from patterns, \d+ avoidance rules\)/);
    assert.equal(await first.exit, 0);

    const second = serve(sb, '--calls', 'live.jsonl', '--speed', '20', '--until-acked', '--log', 'serve.jsonl');
    const live = await sb.run('live', '--endpoint', (await second.urls).stream, '--until-end', '--json');
    assert.equal(live.code, 0, live.stderr);
    assert.equal(await second.exit, 0);
    const log = readFileSync(path.join(sb.cwd, 'serve.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; callId?: string; text?: string; basedOnEventId?: string; status?: string });
    const corrections = log.filter((e) => e.kind === 'correction');
    const office = [...held.move].filter(([, m]) => m === 'office').map(([id]) => id);
    assert.deepEqual(corrections.map((c) => c.callId).sort(), [...office].sort(), 'exactly the calls answered with the learned worse move');
    for (const c of corrections) {
      assert.equal(c.basedOnEventId, `${c.callId}:4`);
      assert.match(c.text!, /^Learned pattern \S+\|\S+\|\S+: /);
    }
  });

  it('live refuses an endpoint of another scheme, naming the fix', async () => {
    const r = await sb.run('live', '--endpoint', 'ftp://x/v1/stream');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /ws:\/\/host\/v1\/stream/);
  });
});
