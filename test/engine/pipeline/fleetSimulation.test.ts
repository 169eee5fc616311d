import assert from 'node:assert/strict';
import { runFleetSimulation } from '../../../src/engine/pipeline';
import { FLEET_WORLD } from '../../../src/engine/samples';
import { loopbackFleetHub } from '../../../src/node/fleetHub';
import { createNodePorts } from '../../../src/node/nodePorts';

describe('pipeline: the closed-loop fleet simulation learns unattended', function () {
  this.timeout(300_000);

  it('recovers the planted patterns, learns avoidance rules that prevent errors, and shares what it adopts through the hub', async () => {
    const lines: string[] = [];
    const run = await runFleetSimulation({ seed: 1, agents: 5, months: 3, callsPerAgentMonth: 600, ports: createNodePorts(), onLog: (l) => lines.push(l) });
    const log = `\n${lines.join('\n')}`;
    assert.equal(run.conversations, 9000);
    assert.deepEqual(run.monthly.map((m) => [m.month, m.calls]), [['2026-01', 3000], ['2026-02', 3000], ['2026-03', 3000]]);
    // Patterns: the always-valid screen finds planted effects and nothing else, in month 1 and over the run
    // (the hidden moves agents make rarely need more calls than this small fleet makes).
    assert.equal(run.patternRecovery.planted, FLEET_WORLD.planted.length);
    assert.ok(run.patternRecovery.truePositives >= 2 && run.patternRecovery.precision === 1, JSON.stringify(run.patternRecovery) + log);
    assert.ok(run.discoveredRecovery.truePositives >= 5 && run.discoveredRecovery.precision === 1, JSON.stringify(run.discoveredRecovery) + log);
    const winners = new Set(FLEET_WORLD.planted.filter((p) => p.effect === 'positive').map((p) => `${p.intent}|${p.trigger}→${p.strategy}`));
    const adopted = Object.entries(run.adopted).map(([s, move]) => `${s}→${move}`);
    for (const a of adopted) assert.ok(winners.has(a), `${a} is not a planted winner${log}`);
    const losers = new Set(FLEET_WORLD.planted.filter((p) => p.effect === 'negative').map((p) => `${p.intent}|${p.trigger}→${p.strategy}`));
    for (const [s, moves] of Object.entries(run.avoided)) for (const m of moves) assert.ok(losers.has(`${s}→${m}`), `${s}→${m} is avoided but not a planted loser`);
    assert.equal(run.adoptedRecovery.truePositives, run.adoptedRecovery.found);
    assert.ok(run.adoptedRecovery.found >= 2, JSON.stringify(run.adoptedRecovery));
    assert.ok(run.experiments.run >= 3 && run.experiments.shipped >= 2, JSON.stringify(run.experiments) + log);
    // Errors: month 1's errors become avoidance rules (errors stage), the hub adopts them, agents' detectors warn
    // and the agents correct their calls: the planted modes stop happening (scored against the truth).
    assert.ok(run.rulesLearned >= 3, `rules learned: ${run.rulesLearned}${log}`);
    const [first, , third] = run.monthly as [typeof run.monthly[0], typeof run.monthly[0], typeof run.monthly[0]];
    assert.ok(first.plantedErrors > 100 && first.preventedErrors === 0 && first.avertedErrors === 0);
    assert.ok(third.preventedErrors > 100 && third.avertedErrors > 100, JSON.stringify(third));
    assert.ok(run.repeatErrorReduction! > 0.9, `averted ${run.repeatErrorReduction}${log}`);
    assert.ok(third.errors < first.errors / 2 && third.repeatErrors < first.repeatErrors / 2);
    // Sharing: every rule (and every move rolled out to everyone) is adopted by the hub at quorum and applied by every agent.
    assert.ok(run.artifactsShared >= run.rulesLearned, `shared ${run.artifactsShared}${log}`);
    assert.equal(run.artifactsApplied, run.artifactsShared * 5);
    // Fewer errors and better moves: month 3 succeeds more often than month 1.
    assert.ok(third.successRate! > first.successRate!, `${first.successRate} → ${third.successRate}`);
    assert.ok(run.aaTests >= 100 && run.aaFalsePositiveRate! <= 0.05, `A/A: ${run.aaFalsePositiveRate} over ${run.aaTests}`);
    assert.ok(lines.some((l) => /^month 2026-03: 3000 calls/.test(l)));
  });

  it('shares through a real hub server on loopback (agents subscribed over WebSocket) exactly as through the hub in process', async () => {
    const options = { seed: 4, agents: 3, months: 2, callsPerAgentMonth: 400 };
    const lines: string[] = [];
    const inProcess = await runFleetSimulation({ ...options, ports: createNodePorts() });
    const overLoopback = await runFleetSimulation({ ...options, ports: createNodePorts(), hub: loopbackFleetHub({ onLog: (l) => lines.push(l) }), onLog: (l) => lines.push(l) });
    const log = `\n${lines.join('\n')}`;
    // The hub adopted the month's avoidance rules, every agent verified, applied and acknowledged them over the socket.
    assert.ok(overLoopback.artifactsShared >= 3, `shared ${overLoopback.artifactsShared}${log}`);
    assert.equal(overLoopback.artifactsApplied, overLoopback.artifactsShared * options.agents);
    assert.ok(overLoopback.monthly[1]!.preventedErrors > 0, log);
    // Keys are fresh per run, everything else is the same simulation: the same figures either way.
    assert.deepEqual(overLoopback.monthly, inProcess.monthly);
    assert.deepEqual([overLoopback.adopted, overLoopback.avoided, overLoopback.artifactsShared, overLoopback.artifactsApplied, overLoopback.experiments], [inProcess.adopted, inProcess.avoided, inProcess.artifactsShared, inProcess.artifactsApplied, inProcess.experiments]);
  });

  it('refuses a fleet without agents', async () => {
    await assert.rejects(runFleetSimulation({ seed: 1, agents: 0, months: 1, callsPerAgentMonth: 10, ports: createNodePorts() }), /agents must be a whole number ≥ 1/);
  });
});
