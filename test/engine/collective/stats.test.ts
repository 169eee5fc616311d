import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { StatsFile } from '../../../src/engine/collective';
import { CollectiveRefusal, STATS_KIND, blendWithFleet, compareWithFleet, exportStats, fleetTrees, mergeStats, parseStatsFile, patternKey } from '../../../src/engine/collective';
import type { Pattern } from '../../../src/engine/model';
import { createComplianceValidator } from '../../../src/engine/privacy';

const validator = createComplianceValidator();

/**
 * Files as nodes make them: a node's export of a given version always has the same counts (a version
 * names one export), seen through the file's k filter.
 */
const NODES = ['node-a', 'node-b', 'node-c', 'node-d'];
const KEYS = ['billing | disputed charge | offer refund', 'billing | disputed charge | explain fee', 'returns | late return | waive fee', 'returns | late return | escalate'];
function exportOf(node: string, version: number): Record<string, { n: number; successes: number }> {
  const out: Record<string, { n: number; successes: number }> = {};
  KEYS.forEach((key, i) => {
    const seed = (node.charCodeAt(5) * 31 + version * 17 + i * 7) % 23;
    if (seed % 4 === 0) return;
    out[key] = { n: seed + 1, successes: Math.floor((seed + 1) / 2) };
  });
  return out;
}
const fileArb: fc.Arbitrary<StatsFile> = fc
  .record({ k: fc.integer({ min: 1, max: 12 }), picks: fc.array(fc.record({ node: fc.constantFrom(...NODES), version: fc.integer({ min: 1, max: 4 }) }), { maxLength: 4 }) })
  .map(({ k, picks }) => {
    const contributions: StatsFile['contributions'] = {};
    for (const { node, version } of picks) {
      const patterns = Object.fromEntries(Object.entries(exportOf(node, version)).filter(([, c]) => c.n >= k));
      contributions[node] = { version, patterns };
    }
    return mergeStats([{ kind: STATS_KIND, k, contributions, totals: {} }]);
  });

function pattern(intent: string, trigger: string, strategy: string, support: number, successes: number): Pattern {
  return { id: `${intent}-${trigger}-${strategy}`, intent, trigger, strategy, support, successes, successRate: support ? successes / support : 0, confidence: { low: 0, high: 1, level: 0.95, method: 'wilson' }, lift: 0, liftPValue: 1, exampleCallIds: [], updatedAt: 0 };
}

describe('collective: mergeable pattern statistics (kaizen.stats/1)', () => {
  it('merge is commutative, associative and idempotent (fast-check)', () => {
    fc.assert(fc.property(fileArb, fileArb, (a, b) => assert.deepEqual(mergeStats([a, b]), mergeStats([b, a]))), { numRuns: 300 });
    fc.assert(fc.property(fileArb, fileArb, fileArb, (a, b, c) => assert.deepEqual(mergeStats([mergeStats([a, b]), c]), mergeStats([a, mergeStats([b, c])]))), { numRuns: 300 });
    fc.assert(fc.property(fileArb, (a) => assert.deepEqual(mergeStats([a, a]), a)), { numRuns: 200 });
  });

  it('newest version per node wins; totals are the sum of the kept contributions; the strictest k applies', () => {
    const v1: StatsFile = { kind: STATS_KIND, k: 5, contributions: { a: { version: 1, patterns: { p: { n: 10, successes: 5 }, q: { n: 6, successes: 1 } } } }, totals: {} };
    const v2: StatsFile = { kind: STATS_KIND, k: 5, contributions: { a: { version: 2, patterns: { p: { n: 20, successes: 12 } } } }, totals: {} };
    const b: StatsFile = { kind: STATS_KIND, k: 8, contributions: { b: { version: 7, patterns: { p: { n: 9, successes: 9 } } } }, totals: {} };
    const merged = mergeStats([v2, b, v1]);
    assert.deepEqual(merged, {
      kind: STATS_KIND,
      k: 8,
      contributions: { a: { version: 2, patterns: { p: { n: 20, successes: 12 } } }, b: { version: 7, patterns: { p: { n: 9, successes: 9 } } } },
      totals: { p: { n: 29, successes: 21 } },
    });
  });

  it('export withholds patterns below k, sums across agents, and refuses PII before anything leaves', () => {
    const patterns = [
      pattern('billing', 'disputed charge', 'offer refund', 40, 30),
      pattern('billing', 'disputed charge', 'offer refund', 12, 6),
      pattern('billing', 'disputed charge', 'explain fee', 4, 1),
    ];
    const { stats, withheld } = exportStats(patterns, { node: 'node-a', version: 3, k: 10, validator });
    assert.equal(withheld, 1);
    assert.deepEqual(stats.contributions, { 'node-a': { version: 3, patterns: { [patternKey('billing', 'disputed charge', 'offer refund')]: { n: 52, successes: 36 } } } });
    assert.deepEqual(stats.totals, { 'billing | disputed charge | offer refund': { n: 52, successes: 36 } });
    const leaky = [pattern('billing', 'caller said call me at 415-555-0134', 'offer refund', 40, 30)];
    assert.throws(() => exportStats(leaky, { node: 'node-a', version: 1, k: 10, validator }), (e: CollectiveRefusal) => e instanceof CollectiveRefusal && /PII/.test(e.reason) && e.field.startsWith('stats.'));
  });

  it('a file of another kind, or one below its own k, is refused by name', () => {
    assert.throws(() => parseStatsFile({ kind: 'kaizen.artifact/1' }, 'other.json'), (e: CollectiveRefusal) => e.field === 'other.json: kind' && /kaizen\.artifact\/1/.test(e.reason));
    const low = { kind: STATS_KIND, k: 10, contributions: { a: { version: 1, patterns: { p: { n: 3, successes: 1 } } } }, totals: {} };
    assert.throws(() => parseStatsFile(low, 'low.json'), /below the file's k=10/);
    assert.throws(() => parseStatsFile({ ...low, k: 0 }, 'zero.json'), (e: CollectiveRefusal) => e.field === 'zero.json.k');
  });
});

describe('collective: cross-agent learning from merged statistics', () => {
  const key = 'billing | disputed charge | offer refund';
  const fleet: StatsFile = mergeStats([
    { kind: STATS_KIND, k: 10, contributions: { a: { version: 1, patterns: { [key]: { n: 100, successes: 30 } } } }, totals: {} },
    { kind: STATS_KIND, k: 10, contributions: { b: { version: 1, patterns: { [key]: { n: 100, successes: 50 }, 'billing | disputed charge | explain fee': { n: 300, successes: 240 } } } }, totals: {} },
    { kind: STATS_KIND, k: 10, contributions: { c: { version: 1, patterns: { [key]: { n: 100, successes: 70 } } } }, totals: {} },
  ]);

  it('labels each pattern with the fleet and flags an underperforming node (p vs scipy)', () => {
    const rows = compareWithFleet(fleet, 'a');
    const row = rows.find((r) => r.key === key)!;
    assert.equal(row.label, 'seen on 3 agents, 300 calls');
    assert.deepEqual([row.own.n, row.others.n, row.others.nodes], [100, 200, 2]);
    // scipy: pooled two-proportion z for 30/100 vs 120/200, 2*norm.sf(4.898979485566357)
    assert.ok(Math.abs(row.p! - 9.63357008643089e-7) < 1e-12, `p=${row.p}`);
    assert.equal(row.underperforms, true);
    assert.equal(compareWithFleet(fleet, 'c').find((r) => r.key === key)!.underperforms, false);
    const unseen = rows.find((r) => r.move === 'explain fee')!;
    assert.deepEqual([unseen.own.n, unseen.label, unseen.p], [0, 'seen on 1 agent, 300 calls', undefined]);
  });

  it('blends the fleet into a node\'s ranking and decision tree: a move it never tried can win', () => {
    const own = blendWithFleet(fleet, 'a', { weight: 0 });
    assert.deepEqual(own[0]!.moves.map((m) => m.move), ['offer refund']);
    const blended = blendWithFleet(fleet, 'a', { weight: 0.5 });
    assert.deepEqual(blended[0]!.moves.map((m) => [m.move, m.n]), [['explain fee', 150], ['offer refund', 200]]);
    const tree = fleetTrees(fleet, 'a', { weight: 0.5, tree: { minLeaf: 1, minActionSupport: 1 } }).get('billing')!;
    assert.equal(tree.best, 'explain fee');
  });
});
