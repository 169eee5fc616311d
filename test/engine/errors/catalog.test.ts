import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ErrorCatalogBuilder,
  extractOccurrences,
  fingerprintError,
  FingerprintRulesError,
  maskMessage,
  readFingerprintRules,
  repeatRates,
  DAY_MS,
} from '../../../src/engine/errors';
import { SourceReader } from '../../../src/engine/ingest';
import type { ConversationEvent } from '../../../src/engine/model';
import { createNodePorts, nodeHashing } from '../../../src/node/nodePorts';
import { CallBuilder } from './callBuilder';

const hash = (t: string) => nodeHashing.sha256(t);

describe('errors: masking and fingerprints', () => {
  it('masks ids, numbers, amounts, dates, times, quoted values and redaction placeholders', () => {
    assert.equal(maskMessage('Error: flight HAT030 not available on date 2024-05-13'), 'Error: flight <*> not available on date <*>');
    assert.equal(maskMessage('Error: payment amount does not add up, total price is 375, but paid 299'), 'Error: payment amount does not add up, total price is <*>, but paid <*>');
    assert.equal(maskMessage('Error: payment method certificate_7504069 not found'), 'Error: payment method <*> not found');
    assert.equal(maskMessage('Refund of $1,204.50 refused for [PERSON_1] on May 13, 2024 at 10:42 am'), 'Refund of <*> refused for <*> on <*> at <*>');
    assert.equal(maskMessage('field "zip code" is invalid (request 8f3a2b1c-0000-4000-8000-00000000abcd)'), 'field <*> is invalid (request <*>)');
    // Words stay words: no digits, no mask.
    assert.equal(maskMessage('Error: gift card balance is not enough'), 'Error: gift card balance is not enough');
  });

  it('gives messages that differ only in variable parts one stable fingerprint; code, tool and stage separate them', () => {
    const a = fingerprintError({ message: 'Error: not enough seats on flight HAT290', tool: 'update_reservation_flights', code: 'tool_error', stage: 'tool' }, hash);
    const b = fingerprintError({ message: 'Error: not enough seats on flight  HAT229', tool: 'update_reservation_flights', code: 'tool_error', stage: 'tool' }, hash);
    const otherTool = fingerprintError({ message: 'Error: not enough seats on flight HAT290', tool: 'book_reservation', code: 'tool_error', stage: 'tool' }, hash);
    const otherCode = fingerprintError({ message: 'Error: not enough seats on flight HAT290', tool: 'update_reservation_flights', code: 'SEATS', stage: 'tool' }, hash);
    assert.equal(a.fingerprint, b.fingerprint);
    assert.match(a.fingerprint, /^fp_[0-9a-f]{16}$/);
    assert.notEqual(a.fingerprint, otherTool.fingerprint);
    assert.notEqual(a.fingerprint, otherCode.fingerprint);
    // Stable across runs: the id is a hash of the normalised key, nothing random.
    assert.equal(a.fingerprint, `fp_${hash('tool|tool_error|update_reservation_flights|Error: not enough seats on flight <*>'.toLowerCase()).slice(0, 16)}`);
  });

  it('user rules override (many templates, one group) or refine ({{default}}) the mined fingerprint', () => {
    const { rules } = readFingerprintRules({
      rules: [
        { match: { tool: 'book_reservation', message: 'payment (amount|method)' }, fingerprint: 'payments', template: 'payment problem' },
        { match: { code: 'tool_error' }, fingerprint: 'tools/{{default}}' },
      ],
    });
    const amount = fingerprintError({ message: 'Error: payment amount does not add up, total price is 375, but paid 299', tool: 'book_reservation', code: 'tool_error', stage: 'tool' }, hash, rules);
    const method = fingerprintError({ message: 'Error: payment method certificate_1 not found', tool: 'book_reservation', code: 'tool_error', stage: 'tool' }, hash, rules);
    assert.deepEqual([amount.fingerprint, amount.template, method.fingerprint], ['payments', 'payment problem', 'payments']);
    const seats = fingerprintError({ message: 'Error: not enough seats on flight HAT290', tool: 'update_reservation_flights', code: 'tool_error', stage: 'tool' }, hash, rules);
    const mined = fingerprintError({ message: 'Error: not enough seats on flight HAT290', tool: 'update_reservation_flights', code: 'tool_error', stage: 'tool' }, hash);
    assert.equal(seats.fingerprint, `tools/${mined.fingerprint}`);
    assert.equal(seats.rule, 'tools/{{default}}');
  });

  it('rejects a bad rules file naming the field and the fix', () => {
    assert.throws(() => readFingerprintRules({ rules: [{ match: { message: 'price (' }, fingerprint: 'x' }] }), (err: Error) => {
      assert.ok(err instanceof FingerprintRulesError);
      assert.match(err.message, /rules\[0\]\.match\.message: not a valid regular expression .*escape special characters/);
      return true;
    });
    assert.throws(() => readFingerprintRules({ rules: [{ match: {}, fingerprint: 'x' }] }), /rules\[0\]\.match: give at least one of tool, code, stage, message/);
    assert.throws(() => readFingerprintRules({ rules: [{ match: { tool: 't' } }] }), /rules\[0\]\.fingerprint/);
  });
});

describe('errors: occurrences and the catalog', () => {
  it('takes every failed tool result, agent error and failed call, with its context', () => {
    const events = new CallBuilder('c1')
      .say('user', 'I want a refund')
      .tool('lookup_order', { order_id: 'ORD-1' }, { ok: true, json: { status: 'delivered' } })
      .tool('refund', { order_id: 'ORD-1', amount: 12 }, { ok: false, error: 'Refund refused for order ORD-1' })
      .agentError('LLM_TIMEOUT', 'model timed out after 30 s')
      .end('error', 'pipeline crashed');
    const occ = extractOccurrences(events, { intent: 'refund' });
    assert.deepEqual(occ.map((o) => [o.kind, o.code, o.stage, o.tool ?? null]), [
      ['tool-result', 'tool_error', 'tool', 'refund'],
      ['agent-error', 'LLM_TIMEOUT', 'llm', null],
      ['call-failed', 'call_failed', 'other', null],
    ]);
    assert.deepEqual(occ[0]!.argumentShape, { amount: 'number', order_id: 'string' });
    assert.deepEqual(occ[0]!.precedingSteps, ['user', 'tool:lookup_order', 'tool-ok:lookup_order', 'tool:refund']);
    assert.equal(occ[0]!.intent, 'refund');
    assert.equal(occ[0]!.callId, 'c1');
  });

  it('counts an agent.error that restates a failed tool result once, with the platform code', () => {
    const events = new CallBuilder('c2').tool('validate_purchase', { order_id: 'x' }, { ok: false, error: 'Order ORD-123456 not found', code: 'ORDER_NOT_FOUND' }).end();
    const occ = extractOccurrences(events);
    assert.equal(occ.length, 1);
    assert.deepEqual([occ[0]!.kind, occ[0]!.code, occ[0]!.tool], ['tool-result', 'ORDER_NOT_FOUND', 'validate_purchase']);
  });

  it('groups a catalog by fingerprint with counts, calls and time range, ordered by count', () => {
    const catalog = new ErrorCatalogBuilder(hash);
    const calls = [
      new CallBuilder('a').tool('book', {}, { ok: false, error: 'Error: not enough seats on flight HAT1' }).tool('book', {}, { ok: false, error: 'Error: not enough seats on flight HAT2' }).end(),
      new CallBuilder('b', Date.UTC(2026, 0, 9)).tool('book', {}, { ok: false, error: 'Error: not enough seats on flight HAT3' }).end(),
      new CallBuilder('c').tool('pay', {}, { ok: false, error: 'Error: card 4111 declined' }).end(),
    ];
    for (const events of calls) for (const o of extractOccurrences(events)) catalog.add(o);
    const list = catalog.entriesList();
    assert.deepEqual(list.map((e) => [e.template, e.tool, e.count, e.calls, e.exampleCallIds]), [
      ['Error: not enough seats on flight <*>', 'book', 3, 2, ['a', 'b']],
      ['Error: card <*> declined', 'pay', 1, 1, ['c']],
    ]);
    assert.ok(list[0]!.firstSeen < list[0]!.lastSeen);
  });

  it('gives the repeat rate per fingerprint and period: calls that hit an already-seen error over all calls', () => {
    const t0 = Date.UTC(2026, 0, 5); // a Monday: weeks are epoch-aligned, 5 Jan 2026 starts one
    const starts = new Map([['a', t0], ['b', t0 + DAY_MS], ['c', t0 + 2 * DAY_MS], ['d', t0 + 8 * DAY_MS], ['e', t0 + 9 * DAY_MS]]);
    const occ = [
      { callId: 'a', ts: t0 + 5, fingerprint: 'fp1' },
      { callId: 'a', ts: t0 + 9, fingerprint: 'fp1' },
      { callId: 'c', ts: t0 + 2 * DAY_MS, fingerprint: 'fp1' },
      { callId: 'd', ts: t0 + 8 * DAY_MS, fingerprint: 'fp1' },
    ];
    const [r] = repeatRates(occ, starts, DAY_MS * 7);
    const week = Math.floor(t0 / (7 * DAY_MS)) * 7 * DAY_MS;
    const weekOfD = Math.floor((t0 + 8 * DAY_MS) / (7 * DAY_MS)) * 7 * DAY_MS;
    const calls = (from: number) => [...starts.values()].filter((s) => s >= from && s < from + 7 * DAY_MS).length;
    assert.deepEqual(r!.periods, [
      { start: week, calls: calls(week), callsWithError: 2, repeats: 1, repeatRate: 1 / calls(week) },
      { start: weekOfD, calls: calls(weekOfD), callsWithError: 1, repeats: 1, repeatRate: 1 / calls(weekOfD) },
    ]);
  });
});

describe('errors: occurrences from imported formats (Retell successful:false, OpenAI-style "Error…" tool messages)', () => {
  const read = async (name: string) => {
    const file = path.resolve(__dirname, '../../fixtures/ingest', name);
    const ports = createNodePorts();
    const reader = new SourceReader(file, { fs: ports.fs, hashing: ports.hashing, sourceName: name, baseTs: 0 });
    const out: ConversationEvent[][] = [];
    for await (const item of reader.items()) if (item.kind === 'call') out.push(item.events);
    return out;
  };

  it('a Retell tool result with successful:false is an occurrence of its tool', async () => {
    const occ = (await read('retell.json')).flatMap((events) => extractOccurrences(events));
    assert.deepEqual(occ.map((o) => [o.kind, o.tool, o.message]), [['tool-result', 'check_queue', 'queue closed']]);
    assert.deepEqual(occ[0]!.argumentShape, { queue: 'string' });
  });

  it('a τ-bench tool message starting with "Error" is an occurrence, fingerprinted by its masked template', async () => {
    const occ = (await read('tau.json')).flatMap((events) => extractOccurrences(events)).filter((o) => o.kind === 'tool-result');
    assert.ok(occ.length > 0);
    assert.ok(occ.some((o) => o.message === 'Error: gift card balance is not enough'));
    for (const o of occ) assert.match(fingerprintError(o, hash).template, /^Error: /);
  });
});
