import assert from 'node:assert/strict';
import { mapRetellDisconnection, mapVapiEndedReason } from '../../../src/engine/ingest';
import { assembleConversation } from '../../../src/engine/model';
import { fixture, ofType, readFixture, smallChunkFs } from './helpers';

describe('ingest formats', () => {
  it('kaizen-jsonl: interleaved calls, source index by first appearance, in-file duplicates dropped', async () => {
    const { reader, calls, rejections } = await readFixture('kaizen.jsonl');
    assert.equal(reader.format, 'kaizen-jsonl');
    assert.deepEqual(rejections, []);
    // call-a ends first (call.ended); b and c are open at EOF and come out in first-appearance order.
    assert.deepEqual(calls.map((c) => c[0]!.callId), ['call-a', 'call-b', 'call-c']);
    const started = calls.map((c) => ofType(c, 'call.started')[0]!);
    assert.deepEqual(started.map((s) => s.source), [
      { file: 'kaizen.jsonl', index: 0, format: 'kaizen-jsonl' },
      { file: 'kaizen.jsonl', index: 1, format: 'kaizen-jsonl' },
      { file: 'kaizen.jsonl', index: 2, format: 'kaizen-jsonl' },
    ]);
    assert.equal(started[0]!.systemPrompt, 'You are a billing agent.');
    assert.equal(started[0]!.ts, Date.parse('2026-03-01T10:00:00Z'));
    assert.equal(calls[0]!.length, 6, 'the repeated a-1 line is kept once');
    assert.equal(reader.stats.duplicateEvents, 1);
    assert.equal(reader.stats.records, 11, 'the blank line is not a record');
    // call-c had no call.started: one is synthesised so the call still has a source.
    assert.equal(started[2]!.eventId, 'call-c:started');
    assert.equal(started[2]!.agentId, 'support');
  });

  it('openai-messages (τ-bench): system prompt, tools, error results, reward and transfer', async () => {
    const { reader, calls, rejections } = await readFixture('tau.json');
    assert.equal(reader.format, 'openai-messages');
    assert.equal(reader.container, 'json-array');
    assert.deepEqual(rejections, []);
    assert.equal(calls.length, 2);
    const [pass, fail] = calls.map((c) => assembleConversation(c));
    assert.deepEqual(pass!.source, { file: 'tau.json', index: 0, format: 'openai-messages', externalId: '7', trial: 0 });
    assert.deepEqual(fail!.source, { file: 'tau.json', index: 1, format: 'openai-messages', externalId: '7', trial: 1 });
    assert.match(ofType(pass!.events, 'call.started')[0]!.systemPrompt!, /^# Airline Agent Policy/);
    assert.deepEqual(
      ofType(pass!.events, 'turn').map((t) => t.role),
      ['user', 'agent', 'user', 'agent', 'user', 'agent', 'user'],
    );
    assert.deepEqual(ofType(pass!.events, 'tool.called')[0]!.arguments, { user_id: 'sam_lee_1' });
    assert.deepEqual(pass!.outcome, { reward: 1, resolved: true, endReason: 'completed' });

    const failedResult = ofType(fail!.events, 'tool.result')[0]!;
    assert.equal(failedResult.ok, false);
    assert.equal(failedResult.error, 'Error: gift card balance is not enough');
    assert.equal(failedResult.name, 'cancel_reservation');
    assert.equal(ofType(fail!.events, 'tool.result')[1]!.ok, true, '"Transfer successful" is not an error');
    assert.deepEqual(fail!.outcome, { reward: 0, resolved: false, escalated: true, transferred: true, endReason: 'transfer' });
    // An assistant message with both text and a tool call gives a turn and then the call.
    const types = fail!.events.map((e) => e.type);
    assert.deepEqual(types.slice(0, 5), ['call.started', 'turn', 'turn', 'tool.called', 'tool.result']);
    // Deterministic ids and synthetic clock: base + index * 1000 + position.
    assert.equal(fail!.events[0]!.eventId, `${fail!.callId}:0`);
    assert.equal(fail!.startedAt, 1_700_000_001_000);
  });

  it('openai-messages: generic {messages} lines with text parts', async () => {
    const { reader, calls } = await readFixture('messages.jsonl');
    assert.equal(reader.format, 'openai-messages');
    const [a, b] = calls.map((c) => assembleConversation(c));
    assert.equal(a!.source!.externalId, 'chat-001');
    assert.equal(ofType(a!.events, 'turn')[1]!.text, 'Sorry to hear that; let me check.');
    assert.equal(a!.outcome!.endReason, 'unknown');
    assert.equal(b!.outcome!.resolved, true);
  });

  it('uss text: ratings per turn, OVERALL on call.ended, csat = mode (ties low)', async () => {
    const { reader, calls, rejections } = await readFixture('uss.txt');
    assert.equal(reader.format, 'uss');
    assert.equal(reader.container, 'uss-text');
    assert.deepEqual(rejections, []);
    assert.equal(calls.length, 2);
    const c = assembleConversation(calls[0]!);
    const turns = ofType(c.events, 'turn');
    assert.equal(turns.length, 4, 'the OVERALL line is not a turn');
    assert.deepEqual(turns[0]!.annotations, { action: 'Hotel-Inform', sat: [3, 3, 2], satMode: 3 });
    assert.deepEqual(turns[1]!.annotations, { action: 'Hotel-Inform' });
    assert.deepEqual(turns[2]!.annotations, { sat: [1, 2, 1], satMode: 1 });
    assert.equal(turns[3]!.annotations, undefined);
    const ended = ofType(c.events, 'call.ended')[0]!;
    assert.deepEqual(ended.annotations, { overallSat: [2, 2, 1], overallSatMode: 2 });
    assert.equal(c.outcome!.csat, 2);
    assert.deepEqual(c.source, { file: 'uss.txt', index: 0, format: 'uss', externalId: '0' });
    assert.equal(calls[1]![0]!.ts > calls[0]![0]!.ts, true);
    assert.equal(ofType(calls[1]!, 'call.ended')[0]!.outcome.csat, 4);
  });

  it('uss jsonl: the same annotations; ties in the rating mode go to the lower rating', async () => {
    const { reader, calls } = await readFixture('uss.jsonl');
    assert.equal(reader.format, 'uss');
    assert.equal(reader.container, 'jsonl');
    const sgd = assembleConversation(calls[1]!);
    assert.equal(sgd.source!.externalId, 'SGD:4');
    assert.deepEqual(ofType(sgd.events, 'turn')[0]!.annotations, { action: 'INFORM_INTENT', sat: [2, 3], satMode: 2 });
    assert.equal(sgd.outcome!.csat, 2);
    assert.equal(assembleConversation(calls[0]!).outcome!.csat, 3);
  });

  it('vapi: pretty-printed report, roles normalised, tools, timing, endedReason, successEvaluation', async () => {
    const { reader, calls, rejections } = await readFixture('vapi.json');
    assert.equal(reader.format, 'vapi');
    assert.equal(reader.container, 'json-values');
    assert.deepEqual(rejections, []);
    const c = assembleConversation(calls[0]!);
    assert.equal(c.callId, 'vapi-call-1');
    assert.equal(c.agentId, 'asst-billing');
    assert.deepEqual(c.source, { file: 'vapi.json', index: 0, format: 'vapi', externalId: 'vapi-call-1' });
    assert.equal(ofType(c.events, 'call.started')[0]!.systemPrompt, 'You are the billing assistant.');
    const turns = ofType(c.events, 'turn');
    assert.deepEqual(turns.map((t) => [t.role, t.text]), [
      ['agent', 'Thanks for calling, how can I help?'],
      ['user', 'I was charged twice for March, write to jane.doe@example.com.'],
      ['agent', 'I am sorry, I refunded the duplicate charge.'],
    ]);
    assert.equal(turns[0]!.startMs, 400);
    assert.equal(turns[0]!.endMs, 1900);
    assert.equal(turns[0]!.ts, 1775120400400);
    assert.equal(ofType(c.events, 'tool.called')[0]!.name, 'lookup_invoice');
    assert.equal(ofType(c.events, 'tool.result')[0]!.ok, false);
    assert.deepEqual(c.outcome, { endReason: 'customer_hangup', endReasonRaw: 'customer-ended-call', resolved: true, durationMs: 90_000 });
    assert.equal(c.startedAt, Date.parse('2026-04-02T09:00:00.000Z'));
    assert.equal(c.endedAt, Date.parse('2026-04-02T09:01:30.000Z'));
    // Raw until the redactor hashes it (see importer.test.ts); the platform's cost and summary are kept.
    assert.equal(ofType(c.events, 'call.started')[0]!.callerKey, '+15551234567');
    assert.equal(c.metrics?.analysis?.summary, 'Customer disputed a double charge.');
    assert.deepEqual(c.metrics?.cost?.total, { usd: 0.12, raw: 0.12, rawUnit: 'usd' });
    assert.deepEqual(c.metrics?.cost?.items, [{ kind: 'model', amount: { usd: 0.02, raw: 0.02, rawUnit: 'usd' } }]);
    assert.equal(c.platform?.direction, 'inbound');
    assert.equal(c.platform?.urls?.recording, 'https://example.invalid/rec.wav');
  });

  it('retell: event key, transcript_with_tool_calls, word timing, transfer, analysis', async () => {
    const { reader, calls, rejections } = await readFixture('retell.json');
    assert.equal(reader.format, 'retell');
    assert.deepEqual(rejections, []);
    const c = assembleConversation(calls[0]!);
    assert.equal(c.callId, 'retell-call-1');
    assert.equal(c.agentId, 'agent-support');
    assert.equal(ofType(c.events, 'call.started')[0]!.agentVersion, '7');
    assert.equal(ofType(c.events, 'call.started')[0]!.callerKey, '+15557654321');
    const turns = ofType(c.events, 'turn');
    assert.deepEqual(turns.map((t) => t.role), ['agent', 'user', 'user', 'system', 'agent']);
    assert.equal(turns[0]!.startMs, 420);
    assert.equal(turns[0]!.endMs, 1100);
    assert.equal(turns[0]!.ts, 1790000000420);
    assert.deepEqual(turns[2]!.annotations, { dtmf: '1' });
    const result = ofType(c.events, 'tool.result')[0]!;
    assert.deepEqual([result.ok, result.error, result.name], [false, 'queue closed', 'check_queue']);
    assert.deepEqual(c.outcome, {
      endReason: 'transfer',
      endReasonRaw: 'call_transfer',
      transferred: true,
      escalated: true,
      resolved: false,
      durationMs: 90_000,
    });
    assert.deepEqual(ofType(c.events, 'call.ended')[0]!.annotations, { userSentiment: 'Negative', inVoicemail: false });
  });

  it('retell: event_type key, call_started skipped, ended+analyzed share turn ids, bare call object', async () => {
    const { reader, calls, rejections } = await readFixture('retell_event_type.jsonl');
    assert.equal(reader.format, 'retell');
    assert.deepEqual(rejections, []);
    assert.equal(reader.stats.skipped, 1);
    assert.equal(calls.length, 3);
    const [ended, analyzed, bare] = calls;
    assert.deepEqual(
      ofType(ended!, 'turn').map((t) => t.eventId),
      ofType(analyzed!, 'turn').map((t) => t.eventId),
    );
    assert.equal(ofType(ended!, 'call.ended')[0]!.eventId, 'retell-call-2:ended');
    assert.equal(ofType(analyzed!, 'call.ended')[0]!.eventId, 'retell-call-2:analyzed');
    // Both webhooks of one call assemble to the analysed outcome.
    const merged = assembleConversation([...ended!, ...analyzed!.filter((e) => e.type === 'call.ended')]);
    assert.deepEqual(merged.outcome, { endReason: 'customer_hangup', endReasonRaw: 'user_hangup', resolved: true, durationMs: 60_000 });
    assert.equal(assembleConversation(bare!).outcome!.endReason, 'timeout');
  });

  it('openai-realtime (GA names): sessions, item order, tools, interruption, errors, built call.ended', async () => {
    const { reader, calls, rejections } = await readFixture('realtime_ga.jsonl');
    assert.equal(reader.format, 'openai-realtime');
    assert.deepEqual(rejections, []);
    assert.equal(calls.length, 2, 'a second session.created starts a second call');
    const c = assembleConversation(calls[0]!);
    assert.equal(c.callId, 'sess_ga_1');
    assert.deepEqual(c.source, { file: 'realtime_ga.jsonl', index: 0, format: 'openai-realtime', externalId: 'sess_ga_1' });
    assert.equal(ofType(c.events, 'call.started')[0]!.systemPrompt, 'You are a friendly airline agent.');
    assert.deepEqual(
      c.events.map((e) => (e.type === 'turn' ? `${e.role}:${e.text}` : e.type)),
      [
        'call.started',
        'user:I want to change my flight.',
        'agent:Let me look up your booking.',
        'tool.called',
        'tool.result',
        'agent:I could not find that booking, could you spell the code',
        'agent.error',
        'call.ended',
      ],
    );
    const turns = ofType(c.events, 'turn');
    assert.equal(turns[1]!.interrupted, undefined);
    assert.equal(turns[2]!.interrupted, true, 'response.done with turn_detected marks the barge-in');
    assert.deepEqual(ofType(c.events, 'tool.called')[0]!.arguments, { code: 'XY12' });
    const res = ofType(c.events, 'tool.result')[0]!;
    assert.deepEqual([res.ok, res.name], [false, 'get_reservation']);
    assert.equal(ofType(c.events, 'agent.error')[0]!.code, 'rate_limit_exceeded');
    assert.equal(c.outcome!.endReason, 'unknown');
    assert.equal(calls[1]![0]!.callId, 'sess_ga_2');
  });

  it('openai-realtime (beta names)', async () => {
    const { calls, reader } = await readFixture('realtime_beta.jsonl');
    assert.equal(reader.format, 'openai-realtime');
    const turns = ofType(calls[0]!, 'turn');
    assert.deepEqual(turns.map((t) => `${t.role}:${t.text}`), [
      'user:What time is it in Tokyo?',
      'agent:It is nine in the evening in Tokyo.',
      'agent:Anything else?',
    ]);
    const asr = ofType(calls[0]!, 'agent.error')[0]!;
    assert.deepEqual([asr.code, asr.stage], ['audio_unintelligible', 'asr']);
  });

  it('maps platform end reasons', () => {
    assert.deepEqual(mapRetellDisconnection('transfer_bridged'), { endReason: 'transfer', transferred: true });
    assert.deepEqual(mapRetellDisconnection('inactivity'), { endReason: 'timeout' });
    assert.deepEqual(mapRetellDisconnection('voicemail_reached'), { endReason: 'voicemail' });
    assert.deepEqual(mapRetellDisconnection('error_llm_websocket_open'), { endReason: 'error' });
    assert.deepEqual(mapRetellDisconnection('agent_hangup'), { endReason: 'agent_hangup' });
    assert.deepEqual(mapVapiEndedReason('pipeline-error-openai-llm-failed'), { endReason: 'error' });
    assert.deepEqual(mapVapiEndedReason('silence-timed-out'), { endReason: 'timeout' });
    assert.deepEqual(mapVapiEndedReason('exceeded-max-duration'), { endReason: 'timeout' });
    assert.deepEqual(mapVapiEndedReason('assistant-forwarded-call'), { endReason: 'transfer', transferred: true });
    assert.deepEqual(mapVapiEndedReason('voicemail'), { endReason: 'voicemail' });
  });

  it('reads every fixture identically with 7-byte chunks (chunk edges everywhere)', async () => {
    for (const name of ['kaizen.jsonl', 'tau.json', 'uss.txt', 'vapi.json', 'retell.json', 'realtime_ga.jsonl']) {
      const whole = await readFixture(name);
      const chunked = await readFixture(name, { fs: smallChunkFs(7) });
      assert.deepEqual(chunked.calls, whole.calls, name);
      assert.equal(chunked.reader.stats.bytes, whole.reader.stats.bytes);
    }
  });

  it('honours --format over sniffing', async () => {
    const { reader, calls } = await readFixture('uss.txt', { format: 'uss' });
    assert.equal(reader.format, 'uss');
    assert.equal(calls.length, 2);
    void fixture;
  });
});

describe('ingest formats: Vapi API call objects', () => {
  it('reads the array GET /call returns (artifact.messages, else messages)', async () => {
    const { reader, calls, rejections } = await readFixture('vapi_calls.json');
    assert.equal(reader.format, 'vapi');
    assert.deepEqual(rejections, []);
    const [a, b] = calls.map((c) => assembleConversation(c));
    assert.equal(a!.callId, 'vapi-api-1');
    assert.deepEqual(a!.outcome, {
      endReason: 'transfer',
      endReasonRaw: 'assistant-forwarded-call',
      transferred: true,
      escalated: true,
      resolved: false,
      durationMs: 120_000,
    });
    assert.deepEqual(ofType(a!.events, 'tool.called')[0]!.arguments, { destination: '+15559990000' });
    assert.equal(ofType(b!.events, 'turn')[0]!.text, 'Hello?');
    assert.equal(b!.outcome!.endReason, 'timeout');
    assert.deepEqual(b!.source, { file: 'vapi_calls.json', index: 1, format: 'vapi', externalId: 'vapi-api-2' });
  });
});
