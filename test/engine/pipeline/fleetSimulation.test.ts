import assert from 'node:assert/strict';
import { runFleetSimulation } from '../../../src/engine/pipeline';
import { PLANTED_PATTERNS } from '../../../src/engine/samples';

describe('pipeline: the closed-loop fleet simulation learns unattended', function () {
  this.timeout(300_000);

  it('adopts only planted winners, prevents recurring errors, and keeps A/A false positives under 5 %', () => {
    const lines: string[] = [];
    const run = runFleetSimulation({ seed: 1, agents: 5, months: 3, callsPerAgentMonth: 600, onLog: (l) => lines.push(l) });
    assert.equal(run.conversations, 9000);
    assert.deepEqual(run.monthly.map((m) => [m.month, m.calls]), [['2026-01', 3000], ['2026-02', 3000], ['2026-03', 3000]]);
    const winners = new Set(PLANTED_PATTERNS.filter((p) => p.effect === 'positive').map((p) => `${p.intent}|${p.trigger}→${p.strategy}`));
    const adopted = Object.entries(run.adopted).map(([s, move]) => `${s}→${move}`);
    assert.ok(adopted.length >= 2, `moves adopted: ${adopted.join(', ') || 'none'}\n${lines.join('\n')}`);
    for (const a of adopted) assert.ok(winners.has(a), `${a} is not a planted winner`);
    assert.ok(run.experiments.shipped >= adopted.length);
    // Errors of month 1 became corrections; later months prevent them.
    assert.ok(run.monthly[0]!.errors > 0);
    assert.ok(run.monthly[2]!.preventedErrors > 0 && run.monthly[2]!.errors < run.monthly[0]!.errors);
    assert.ok(run.aaTests >= 100 && run.aaFalsePositiveRate! <= 0.05, `A/A: ${run.aaFalsePositiveRate} over ${run.aaTests}`);
    assert.ok(run.patternRecovery.truePositives >= 1 && run.patternRecovery.planted === PLANTED_PATTERNS.length);
    assert.ok(lines.some((l) => /^month 2026-03: 3000 calls/.test(l)));
  });

  it('refuses a fleet without agents', () => {
    assert.throws(() => runFleetSimulation({ seed: 1, agents: 0, months: 1, callsPerAgentMonth: 10 }), /agents must be a whole number ≥ 1/);
  });
});
