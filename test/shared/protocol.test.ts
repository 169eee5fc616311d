import assert from 'node:assert/strict';
import { ExperimentToHostSchema, HostToExperimentSchema } from '../../src/shared/experimentProtocol';
import type { ExperimentToHost } from '../../src/shared/experimentProtocol';
import { HostToPatternExplorerSchema, PatternExplorerToHostSchema } from '../../src/shared/patternExplorerProtocol';
import type { HostToPatternExplorer, PatternExplorerToHost } from '../../src/shared/patternExplorerProtocol';
import type { HandlerMap } from '../../src/shared/protocol';
import { dispatch, parseMessage } from '../../src/shared/protocol';

const fromPatternExplorer = (raw: unknown) => parseMessage(PatternExplorerToHostSchema, raw);
const fromExperiment = (raw: unknown) => parseMessage(ExperimentToHostSchema, raw);
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTING_KEYS, parseSettings } from '../../src/shared/settings';

const row = {
  id: 'p1',
  intent: 'shipping_issue',
  trigger: 'late-delivery',
  strategy: 'apology',
  support: 20,
  successes: 15,
  successRate: 0.75,
  ciLow: 0.53,
  ciHigh: 0.89,
  lift: 0.2,
  liftPValue: 0.01,
  effect: 'success',
  exampleCallIds: ['c1'],
};

describe('shared/protocol', () => {
  it('accepts every webview message type of each app (core + its own) and fills defaults', () => {
    const core: unknown[] = [
      { type: 'ready', app: 'patternExplorer' },
      { type: 'refresh' },
      { type: 'openCall', callId: 'c1' },
      { type: 'rendered', app: 'experiment', firstPaintMs: 12.5, rows: 0 },
    ];
    for (const s of [...core, { type: 'getEvidence', id: 3, patternId: 'p1' }]) assert.ok(fromPatternExplorer(s).ok, JSON.stringify(s));
    for (const s of [...core, { type: 'selectExperiment', experimentId: 'e1' }]) assert.ok(fromExperiment(s).ok, JSON.stringify(s));
    // Each app hears only its own messages: neither has to handle (or stub) the other's.
    assert.equal(fromExperiment({ type: 'getEvidence', id: 3, patternId: 'p1' }).ok, false);
    assert.equal(fromPatternExplorer({ type: 'selectExperiment', experimentId: 'e1' }).ok, false);
    assert.equal(parseMessage(HostToPatternExplorerSchema, { type: 'experiment', data: null }).ok, false);
    assert.equal(parseMessage(HostToExperimentSchema, { type: 'patterns', data: { patterns: [], totalCalls: 0, source: 'x' } }).ok, false);
    const ev = fromPatternExplorer({ type: 'getEvidence', id: 1, patternId: 'p' });
    assert.ok(ev.ok && ev.message.type === 'getEvidence' && ev.message.limit === 5);
  });

  it('drops malformed webview messages with a reason naming the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ type: 'getEvidence', patternId: 'p1' }, /id/],
      [{ type: 'getEvidence', id: -1, patternId: 'p1' }, /id/],
      [{ type: 'openCall', callId: '' }, /callId/],
      [{ type: 'ready', app: 'somethingElse' }, /app/],
      [{ type: 'runShell', cmd: 'rm -rf /' }, /type|Invalid/],
      ['ready', /Invalid|expected/],
      [null, /Invalid|expected/],
    ];
    for (const [raw, reason] of cases) {
      const r = fromPatternExplorer(raw);
      assert.equal(r.ok, false, JSON.stringify(raw));
      if (!r.ok) assert.match(r.reason, reason);
    }
  });

  it('validates host messages, including nested view models', () => {
    assert.ok(parseMessage(HostToPatternExplorerSchema, { type: 'patterns', data: { patterns: [row], totalCalls: 20, source: 'x' } }).ok);
    const bad = parseMessage(HostToPatternExplorerSchema, { type: 'patterns', data: { patterns: [{ ...row, successRate: 1.5 }], totalCalls: 20, source: 'x' } });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.reason, /data\.patterns\.0\.successRate/);
    const exp = parseMessage(HostToExperimentSchema, { type: 'experiment', data: null });
    assert.ok(exp.ok && exp.message.type === 'experiment' && exp.message.experiments.length === 0);
  });

  it('dispatches through an exhaustive handler map', async () => {
    const seen: string[] = [];
    const handlers: HandlerMap<PatternExplorerToHost> = {
      ready: (m) => void seen.push(`ready:${m.app}`),
      refresh: () => void seen.push('refresh'),
      getEvidence: (m) => void seen.push(`evidence:${m.id}`),
      openCall: (m) => void seen.push(`open:${m.callId}`),
      rendered: (m) => void seen.push(`rendered:${m.rows}`),
    };
    for (const raw of [{ type: 'ready', app: 'patternExplorer' }, { type: 'getEvidence', id: 7, patternId: 'p' }, { type: 'openCall', callId: 'c9' }]) {
      const r = fromPatternExplorer(raw);
      assert.ok(r.ok);
      await dispatch(handlers, r.message);
    }
    assert.deepEqual(seen, ['ready:patternExplorer', 'evidence:7', 'open:c9']);
    const _toExplorer: HostToPatternExplorer['type'][] = ['patterns', 'evidence', 'error', 'busy'];
    const _fromExperiment: ExperimentToHost['type'][] = ['ready', 'refresh', 'openCall', 'rendered', 'selectExperiment'];
    assert.equal(_toExplorer.length + _fromExperiment.length, 9);
  });
});

describe('shared/settings', () => {
  it('fills defaults and falls back on wrong types', () => {
    const s = parseSettings({ 'store.path': 42, 'claude.thinkingBudget': 10, 'agent.endpointUrl': 'ws://127.0.0.1:7070' });
    assert.equal(s['store.path'], '.kaizen/learning.db');
    assert.equal(s['claude.thinkingBudget'], 4096);
    assert.equal(s['agent.endpointUrl'], 'ws://127.0.0.1:7070');
    assert.deepEqual(s['privacy.allowlist'], []);
    assert.deepEqual(parseSettings({ 'privacy.allowlist': ['Acme Outfitters', ''] })['privacy.allowlist'], [], 'a bad entry falls back to the default');
    assert.equal(s['privacy.transcriptRetentionDays'], null);
  });
});

describe('shared/settings ↔ manifest', () => {
  it('declares exactly the schema keys, each with description, scope, order and the same default', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown; markdownDescription?: string; scope?: string; order?: number }> } };
    };
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `kaizen.${k}`).sort());
    const defaults = parseSettings({});
    for (const key of SETTING_KEYS) {
      const p = props[`kaizen.${key}`]!;
      assert.ok(p.markdownDescription && p.scope && typeof p.order === 'number', `kaizen.${key} has description, scope and order`);
      assert.deepEqual(p.default, defaults[key], `kaizen.${key} default`);
    }
  });
});
