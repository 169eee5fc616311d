import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';
import type { CallView } from '../../src/cli/callView';

const PLATFORM = path.resolve(__dirname, '../fixtures/ingest/platform');
const FILES = ['vapi_end_of_call.json', 'vapi_older_shapes.jsonl', 'retell_webhooks.jsonl', 'retell_array.json', 'realtime_session.jsonl'];

/**
 * Platform files written from Vapi's, Retell's and OpenAI's public references: every field the
 * platform reports beside the transcript must survive import → redaction → store → `calls show --json`.
 */
describe('cli: platform fields through import → store → kaizen calls show --json', () => {
  let box: CliSandbox;
  beforeEach(() => {
    box = cliSandbox('kaizen-cli-platform-');
    for (const f of FILES) copyFileSync(path.join(PLATFORM, f), path.join(box.cwd, f));
  });
  afterEach(() => box.dispose());

  async function show(id: string, store = 'k.db'): Promise<CallView> {
    const r = await box.run('calls', 'show', id, '--store', store, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as CallView;
  }

  it('Vapi end-of-call report: cost with items and breakdown, latency per turn, analysis, URLs, metadata, variables, model, voice, tools, version, transfer', async () => {
    const imp = await box.run('import', 'vapi_end_of_call.json', '--store', 'k.db');
    assert.equal(imp.code, 0, imp.stderr);
    const c = await show('vapi-full-1');
    const p = c.platform!;
    assert.equal(p.direction, 'inbound');
    assert.equal(p.callType, 'inboundPhoneCall');
    assert.equal(p.agentName, 'Refunds desk');
    assert.equal(p.promptVersion, 'v12');
    assert.deepEqual(p.model, { provider: 'openai', name: 'gpt-4o' });
    assert.deepEqual(p.voice, { provider: '11labs', voiceId: 'burt' });
    assert.deepEqual(p.tools, ['lookup_invoice', 'transferCall']);
    assert.deepEqual(p.urls, {
      recording: 'https://storage.vapi.example/rec/vapi-full-1-mono.wav',
      stereoRecording: 'https://storage.vapi.example/rec/vapi-full-1-stereo.wav',
      log: 'https://logs.vapi.example/vapi-full-1.jsonl',
      pcap: 'https://storage.vapi.example/pcap/vapi-full-1.pcap',
    });
    assert.equal(p.metadata?.campaign, 'spring');
    assert.ok(p.metadata && 'crmTicket' in p.metadata);
    assert.deepEqual(p.dynamicVariables, { customerTier: 'gold', orderCount: 3 });
    const m = c.metrics!;
    assert.deepEqual(m.cost?.total, { usd: 0.1234, raw: 0.1234, rawUnit: 'usd' });
    assert.deepEqual(m.cost?.items?.map((i) => [i.kind, i.amount.usd, i.provider, i.model]), [
      ['transcriber', 0.015, 'deepgram', 'nova-2'],
      ['model', 0.042, 'openai', 'gpt-4o'],
      ['voice', 0.0364, '11labs', 'burt'],
      ['vapi', 0.03, undefined, undefined],
    ]);
    assert.equal(m.cost?.items?.[1]?.promptTokens, 1800);
    assert.equal(m.cost?.breakdownUsd?.llm, 0.042);
    assert.deepEqual(m.latency?.e2e?.values, [1310, 1400]);
    assert.equal(m.latency?.averagesMs?.turnLatencyAverage, 1355);
    assert.match(m.analysis?.summary ?? '', /disputed a double charge/);
    assert.deepEqual(m.analysis?.structuredData, { disputeType: 'double_charge', refundIssued: false });
    assert.equal(m.analysis?.successEvaluation, 'false');
    assert.equal(m.transfers?.length, 1);
    assert.equal(m.transfers?.[0]?.mode, 'warm');
    assert.match(m.transfers?.[0]?.destination ?? '', /^id_[0-9a-f]{24}$/, 'the transfer number is hashed, never stored raw');
    assert.deepEqual(c.outcome, { endReason: 'transfer', endReasonRaw: 'assistant-forwarded-call', transferred: true, escalated: true, resolved: false, durationMs: 90_000 });
    // Per-turn latency lands on the agent replies that answer the caller (not on the greeting).
    const agentTurns = c.events.filter((e) => e.type === 'turn' && e.role === 'agent') as Extract<CallView['events'][number], { type: 'turn' }>[];
    assert.deepEqual(agentTurns.map((t) => t.latency?.turnMs), [undefined, 1310, 1400]);
    assert.deepEqual(agentTurns[1]!.latency, { turnMs: 1310, modelMs: 620, voiceMs: 210, transcriberMs: 180, endpointingMs: 300 });
    const result = c.events.find((e) => e.type === 'tool.result');
    assert.equal(result?.type === 'tool.result' && result.ok, false, '{"error":"service unavailable"} is a failed tool call');
    assert.ok(!JSON.stringify(c).includes('+14155550'), 'no raw phone number anywhere in the stored call');
  });

  it('Vapi older report shape (message.messages, no artifact) and transcript-only reports import with their turns', async () => {
    const imp = await box.run('import', 'vapi_older_shapes.jsonl', '--store', 'k.db');
    assert.equal(imp.code, 0, imp.stderr);
    const old = await show('vapi-old-1');
    assert.deepEqual(old.events.filter((e) => e.type === 'turn').map((e) => e.type === 'turn' && e.text), ['Hello, thanks for calling.', 'When do you open?', 'We open at nine.']);
    assert.equal(old.metrics?.analysis?.summary, 'Caller asked for opening hours.');
    assert.equal(old.metrics?.cost?.total.usd, 0.05);
    assert.equal(old.platform?.urls?.recording, 'https://storage.vapi.example/rec/vapi-old-1.wav');
    const text = await show('vapi-text-1');
    assert.deepEqual(
      text.events.filter((e) => e.type === 'turn').map((e) => e.type === 'turn' && [e.role, e.text]),
      [
        ['agent', 'Hello, thanks for calling.'],
        ['user', 'Is my order shipped?'],
        ['agent', 'Yes, it left yesterday.'],
      ],
    );
  });

  it('Vapi webhook bodies as a JSON array import like one per line', async () => {
    const lines = readFileSync(path.join(box.cwd, 'vapi_older_shapes.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(path.join(box.cwd, 'vapi_array.json'), `[\n${lines.join(',\n')}\n]\n`);
    const imp = await box.run('import', 'vapi_array.json', '--store', 'k.db');
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /vapi_array\.json \[vapi\]: 2 calls imported/);
    assert.equal((await show('vapi-text-1')).events.filter((e) => e.type === 'turn').length, 3);
  });

  for (const order of ['analyzed first', 'ended first'] as const) {
    it(`Retell call_ended + call_analyzed (${order}): cost in cents, latency, tokens, analysis, transfer, and resolved: true kept`, async () => {
      const lines = readFileSync(path.join(box.cwd, 'retell_webhooks.jsonl'), 'utf8').trim().split('\n');
      if (order === 'ended first') lines.reverse();
      // One body per file, in the order a glob would hand them over.
      writeFileSync(path.join(box.cwd, 'a.json'), lines[0]!);
      writeFileSync(path.join(box.cwd, 'b.json'), lines[1]!);
      const imp = await box.run('import', 'a.json', 'b.json', '--store', 'k.db');
      assert.equal(imp.code, 0, imp.stderr);
      const c = await show('retell-full');
      assert.equal(c.outcome?.resolved, true, 'call_successful from call_analyzed survives either order');
      assert.equal(c.outcome?.endReason, 'transfer');
      const p = c.platform!;
      assert.equal(p.direction, 'inbound');
      assert.equal(p.callType, 'phone_call');
      assert.equal(p.agentName, 'Billing line');
      assert.equal(p.agentTag, 'prod');
      assert.equal(p.promptVersion, '7');
      assert.deepEqual(p.urls, {
        recording: 'https://storage.retell.example/retell-full-1.wav',
        stereoRecording: 'https://storage.retell.example/retell-full-1-multi.wav',
        scrubbedRecording: 'https://storage.retell.example/retell-full-1-scrubbed.wav',
        log: 'https://storage.retell.example/retell-full-1-log.txt',
      });
      assert.deepEqual(p.dynamicVariables, { customer_tier: 'gold' });
      assert.deepEqual(p.collectedVariables, { dispute_month: 'september' });
      assert.ok(p.metadata && 'crm_ticket' in p.metadata);
      const m = c.metrics!;
      assert.deepEqual(m.cost?.total, { usd: 0.18, raw: 18, rawUnit: 'cents' });
      assert.deepEqual(m.cost?.items, [
        { kind: 'elevenlabs_tts', amount: { usd: 0.105, raw: 10.5, rawUnit: 'cents' } },
        { kind: 'gpt_4o', amount: { usd: 0.075, raw: 7.5, rawUnit: 'cents' } },
      ]);
      assert.equal(m.cost?.billedDurationSec, 90);
      assert.deepEqual(m.latency?.e2e, { p50: 1200, p90: 1500, p95: 1550, p99: 1590, min: 800, max: 1600, num: 2, values: [1200, 900] });
      assert.equal(m.latency?.llm?.p50, 500);
      assert.equal(m.latency?.tts?.max, 270);
      assert.equal(m.latency?.other?.llm_websocket_network_rtt?.p50, 40);
      assert.deepEqual(m.tokens, { requests: 2, averagePerRequest: 1000, perRequest: [900, 1100], totalTokens: 2000 });
      assert.match(m.analysis?.summary ?? '', /double charge/);
      assert.equal(m.analysis?.successful, true);
      assert.equal(m.analysis?.userSentiment, 'Negative');
      assert.deepEqual(m.analysis?.structuredData, { dispute_type: 'double_charge', follow_up_needed: true });
      assert.equal(m.transfers?.[0]?.status, 'bridged');
      assert.match(m.transfers?.[0]?.destination ?? '', /^id_[0-9a-f]{24}$/);
      const agentTurns = c.events.filter((e) => e.type === 'turn' && e.role === 'agent') as Extract<CallView['events'][number], { type: 'turn' }>[];
      assert.deepEqual(agentTurns.map((t) => t.latency?.turnMs), [undefined, 1200, 900]);
      const result = c.events.find((e) => e.type === 'tool.result');
      assert.equal(result?.type === 'tool.result' && result.ok, false);
      assert.ok(!JSON.stringify(c).includes('+1415555'), 'no raw phone number anywhere in the stored call');
    });
  }

  it('Retell bodies in a JSON array: a transcript-only call becomes turns; one without speaker labels is rejected with the reason', async () => {
    const imp = await box.run('import', 'retell_array.json', '--store', 'k.db');
    assert.equal(imp.code, 1);
    assert.match(imp.stderr, /retell_array\.json:\d+ call\.transcript: the call has only a `transcript` string and it has no "Agent:"\/"User:" speaker labels/);
    const c = await show('retell-text-1');
    assert.deepEqual(c.events.filter((e) => e.type === 'turn').map((e) => e.type === 'turn' && [e.role, e.text]), [
      ['agent', 'Hi, billing here.'],
      ['user', 'What is my balance?'],
      ['agent', 'It is zero.'],
    ]);
    assert.equal(c.platform?.direction, 'web');
    assert.deepEqual(c.metrics?.cost?.total, { usd: 0.025, raw: 2.5, rawUnit: 'cents' });
    const list = await box.run('calls', '--store', 'k.db', '--json');
    assert.ok(!list.stdout.includes('retell-text-bad'), 'the rejected call is not stored');
  });

  it('OpenAI Realtime: session timestamps, audio offsets, duration, summed response.done usage, model/voice/tools/prompt as the agent', async () => {
    const imp = await box.run('import', 'realtime_session.jsonl', '--store', 'k.db');
    assert.equal(imp.code, 0, imp.stderr);
    const c = await show('sess_full_1');
    assert.equal(c.agentId, 'pmpt_airline');
    assert.equal(c.startedAt, Date.parse('2026-09-30T15:00:00.000Z'));
    assert.equal(c.outcome?.durationMs, 7000);
    assert.deepEqual(c.platform, { promptVersion: '4', model: { provider: 'openai', name: 'gpt-realtime' }, voice: { provider: 'openai', voiceId: 'marin' }, tools: ['get_reservation', 'transfer_to_human'] });
    assert.deepEqual(c.metrics?.tokens, {
      requests: 2,
      inputTokens: 332,
      outputTokens: 221,
      totalTokens: 553,
      inputTextTokens: 269,
      inputAudioTokens: 63,
      cachedTokens: 164,
      outputTextTokens: 50,
      outputAudioTokens: 171,
    });
    const user = c.events.find((e) => e.type === 'turn' && e.role === 'user');
    assert.ok(user && user.type === 'turn');
    assert.equal(user.startMs, 1200);
    assert.equal(user.endMs, 3400);
    assert.equal(user.ts, Date.parse('2026-09-30T15:00:01.200Z'), 'the caller turn is dated by its audio, not by its late transcript');
    const agent = c.events.find((e) => e.type === 'turn' && e.role === 'agent');
    assert.equal(agent?.ts, Date.parse('2026-09-30T15:00:06.000Z'));
    const result = c.events.find((e) => e.type === 'tool.result');
    assert.equal(result?.type === 'tool.result' && result.ok, false);
  });

  it('calls show prints the call as text, accepts a unique prefix and explains an ambiguous or unknown one', async () => {
    await box.run('import', 'vapi_end_of_call.json', 'vapi_older_shapes.jsonl', '--store', 'k.db');
    const text = await box.run('calls', 'show', 'vapi-full', '--store', 'k.db');
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^call\s+vapi-full-1$/m);
    assert.match(text.stdout, /^cost\s+\$0\.1234: transcriber \$0\.0150/m);
    assert.match(text.stdout, /^summary\s+The caller disputed a double charge/m);
    assert.match(text.stdout, /^analysis\s+not analysed yet/m);
    assert.match(text.stdout, /← lookup_invoice FAILED: \{"error":"service unavailable"\}/);
    assert.match(text.stdout, /#2 agent\s+Let me look that up\. \(1310 ms\)/);
    const ambiguous = await box.run('calls', 'show', 'vapi-', '--store', 'k.db');
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /"vapi-" matches 3 calls/);
    const unknown = await box.run('calls', 'show', 'nope', '--store', 'k.db');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no stored call has the id "nope"/);
  });
});
