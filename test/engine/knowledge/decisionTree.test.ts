import assert from 'node:assert/strict';
import { learnTree, recommend, treeToMermaid, treeToText } from '../../../src/engine/knowledge/decisionTree';
import type { TreeExample } from '../../../src/engine/knowledge/decisionTree';

describe('decision tree', () => {
  // Planted split: for price objections value-reframing works, for cancellations discount-offer does;
  // the caller's mood is noise.
  const ex: TreeExample[] = [];
  for (const mood of ['yes', 'no']) {
    ex.push({ features: { trigger: 'price-objection', frustrated: mood }, action: 'value-reframing', n: 60, s: 48 });
    ex.push({ features: { trigger: 'price-objection', frustrated: mood }, action: 'discount-offer', n: 60, s: 27 });
    ex.push({ features: { trigger: 'cancel-request', frustrated: mood }, action: 'value-reframing', n: 60, s: 24 });
    ex.push({ features: { trigger: 'cancel-request', frustrated: mood }, action: 'discount-offer', n: 60, s: 47 });
  }

  it('learns the planted split and the best move per branch', () => {
    const tree = learnTree(ex, { minLeaf: 40 });
    assert.equal(tree.type, 'split');
    if (tree.type !== 'split') return;
    assert.equal(tree.feature, 'trigger');
    assert.equal(recommend(tree, { trigger: 'price-objection', frustrated: 'no' }), 'value-reframing');
    assert.equal(recommend(tree, { trigger: 'cancel-request', frustrated: 'yes' }), 'discount-offer');
    // The mood carries no signal, so no branch splits on it.
    for (const b of tree.branches) assert.equal(b.node.type, 'leaf');
  });

  it('stays a leaf when no split helps', () => {
    const flat = ex.map((e) => ({ ...e, s: e.action === 'value-reframing' ? 40 : 30 }));
    const tree = learnTree(flat);
    assert.equal(tree.type, 'leaf');
    assert.equal(recommend(tree, { trigger: 'anything' }), 'value-reframing');
  });

  it('splits rather than recommend a move for a situation where it was never used', () => {
    const only: TreeExample[] = [
      { features: { trigger: 'locked-out' }, action: 'verification-first', n: 50, s: 44 },
      { features: { trigger: 'locked-out' }, action: 'direct-answer', n: 50, s: 28 },
      { features: { trigger: 'frustration' }, action: 'empathy', n: 50, s: 30 },
      { features: { trigger: 'frustration' }, action: 'direct-answer', n: 50, s: 29 },
    ];
    const tree = learnTree(only, { minLeaf: 40 });
    assert.equal(tree.type, 'split');
    assert.equal(recommend(tree, { trigger: 'frustration' }), 'empathy');
    assert.equal(recommend(tree, { trigger: 'locked-out' }), 'verification-first');
  });

  it('exports a Mermaid flowchart', () => {
    const m = treeToMermaid(learnTree(ex, { minLeaf: 40 }));
    assert.match(m, /^flowchart TD/);
    assert.match(m, /n0\{"trigger\?"\}/);
    assert.match(m, /n1\["value-reframing<br\/>80% success in 120 of 240 calls"\]/);
    assert.match(m, /n0 -->\|price-objection\| n1/);
  });
});

describe('decision tree as text', () => {
  it('prints one line per branch and per recommended move with its evidence', () => {
    const leaf = (best: string, n: number, used: number, rate: number) => ({
      type: 'leaf' as const,
      n,
      best,
      bestRate: rate,
      bestLow: 0,
      actions: [{ action: best, n: used, s: Math.round(rate * used), rate, low: 0, high: 1 }],
    });
    const tree = {
      type: 'split' as const,
      n: 100,
      feature: 'trigger',
      best: 'empathy',
      bestRate: 0.7,
      branches: [
        { value: 'locked-out', node: leaf('verification-first', 60, 20, 0.85) },
        { value: 'frustration', node: leaf('empathy', 40, 15, 0.8) },
      ],
    };
    assert.deepEqual(treeToText(tree), [
      'trigger = locked-out',
      '  → verification-first (85 % success in 20 of 60 calls)',
      'trigger = frustration',
      '  → empathy (80 % success in 15 of 40 calls; small sample)',
    ]);
  });
});
