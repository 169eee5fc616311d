import assert from 'node:assert/strict';
import { learnTree } from '../../src/engine/knowledge/decisionTree';
import type { TreeExample } from '../../src/engine/knowledge/decisionTree';
import type { LearningArtifact } from '../../src/engine/model';
import { assembleConversation } from '../../src/engine/model';
import { artifactToMarkdown } from '../../src/extension/documents/artifactMarkdown';
import { callToMarkdown } from '../../src/extension/documents/callMarkdown';
import { treeToSvg } from '../../src/engine/analytics';

const artifact = (payload: LearningArtifact['payload'], title = 'T'): LearningArtifact =>
  ({ artifactId: 'art-1', version: 2, parentVersion: 1, contentHash: 'a'.repeat(64), status: 'testing', title, createdAt: Date.UTC(2026, 0, 2, 3, 4), payload }) as LearningArtifact;

describe('extension documents: artifacts and calls as readable Markdown', () => {
  const ex: TreeExample[] = [];
  for (const mood of ['yes', 'no']) {
    ex.push({ features: { trigger: 'price-objection', frustrated: mood }, action: 'value-reframing', n: 60, s: 48 });
    ex.push({ features: { trigger: 'price-objection', frustrated: mood }, action: 'discount-offer', n: 60, s: 27 });
    ex.push({ features: { trigger: 'cancel-request', frustrated: mood }, action: 'value-reframing', n: 60, s: 24 });
    ex.push({ features: { trigger: 'cancel-request', frustrated: mood }, action: 'discount-offer', n: 60, s: 47 });
  }
  const tree = learnTree(ex, { minLeaf: 40 });

  it('draws a decision tree as a script-free SVG with every question, branch and move', () => {
    const svg = treeToSvg(tree, 'Decision tree', { standalone: true });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script|href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/, 'no script, no remote resource');
    assert.match(svg, />trigger\?</);
    assert.match(svg, />price-objection</);
    assert.match(svg, />cancel-request</);
    assert.match(svg, />value-reframing</);
    assert.match(svg, />80% success in 120 of 240</);
    assert.match(svg, />discount-offer</);
    assert.match(svg, />78% success in 120 of 240</);
    assert.equal((svg.match(/<rect /g) ?? []).length, 3, 'one question, two moves');
  });

  it('renders a decision-tree artifact as a drawn image (data URI) with the text version beside it', () => {
    const md = artifactToMarkdown(artifact({ kind: 'decision-tree', intent: 'billing', tree: { root: tree, mermaid: 'flowchart TD' } as never }, 'Billing tree'));
    assert.match(md, /^# Billing tree$/m);
    const img = /!\[Decision tree for billing\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md);
    assert.ok(img, md);
    assert.match(Buffer.from(img[1]!, 'base64').toString('utf8'), /trigger\?/);
    assert.match(md, /trigger = price-objection\n\s+→ value-reframing/);
    assert.doesNotMatch(md, /flowchart/i, 'drawn, not Mermaid source');
  });

  it('renders a prompt version as its text and a strategy ranking as a table', () => {
    const prompt = artifactToMarkdown(artifact({ kind: 'prompt', target: 'prompts/a.md', text: 'Help the customer.\nUse ``` carefully.' }));
    assert.match(prompt, /\*prompt\* · version 2 · testing · 2026-01-02 03:04 UTC/);
    assert.match(prompt, /````text\nHelp the customer\.\nUse ``` carefully\.\n````/, 'the fence outlasts backticks in the prompt');
    const strategy = artifactToMarkdown(
      artifact({ kind: 'strategy', intent: 'refund', ranking: [{ strategy: 'empathy | options', successRate: 0.8, lift: 0.12, support: 40 }, { strategy: 'policy', successRate: 0.5, lift: -0.1, support: 30 }] }),
    );
    assert.match(strategy, /\| Strategy \| Success \| Lift \| Calls \|\n\| --- \| --- \| --- \| --- \|\n\| empathy \\\| options \| 80% \| \+12 pp \| 40 \|\n\| policy \| 50% \| −10 pp \| 30 \|/);
  });

  it('renders a playbook as a table of its bullets with their counters', () => {
    const md = artifactToMarkdown(
      artifact({
        kind: 'playbook',
        bullets: [
          { id: 'pb-abcdefghij', section: 'renew loan', text: 'Offer to waive the fine once.', helpful: 4, harmful: 1, provenance: { callIds: [], patternIds: [], fingerprints: [] }, status: 'active', support: 140 },
          { id: 'pb-bcdefghijk', section: 'renew loan', text: 'Explain the queue.', helpful: 0, harmful: 2, provenance: { callIds: [], patternIds: [], fingerprints: [] }, status: 'deprecated', support: 120 },
        ],
      }),
    );
    assert.match(md, /1 active bullet\(s\), 1 deprecated/);
    assert.match(md, /\| pb-abcdefghij \| renew loan \| Offer to waive the fine once\. \| 4 \| 1 \| 140 \| active \|/);
  });

  it('renders a call with its outcome in words, not a JSON blob', () => {
    const t0 = Date.UTC(2026, 0, 2, 3, 4, 5);
    const c = assembleConversation([
      { eventId: 'c1:0', callId: 'c1', agentId: 'acme', ts: t0, type: 'call.started', channel: 'voice' },
      { eventId: 'c1:1', callId: 'c1', agentId: 'acme', ts: t0 + 1500, type: 'turn', role: 'user', text: 'My order [ORDER_ID_1] is late.' },
      { eventId: 'c1:2', callId: 'c1', agentId: 'acme', ts: t0 + 3000, type: 'call.ended', outcome: { resolved: true, escalated: false, csat: 4, durationMs: 42000, endReason: 'completed' } },
    ] as never);
    const md = callToMarkdown(c);
    assert.match(md, /^# Call c1$/m);
    assert.match(md, /\| resolved \| yes \|/);
    assert.match(md, /\| escalated \| no \|/);
    assert.match(md, /\| duration \| 42\.0 s \|/);
    assert.match(md, /\| end reason \| completed \|/);
    assert.doesNotMatch(md, /\{"resolved"/);
    assert.match(md, /\*\*user\*\* <sub>\+1\.5 s<\/sub>\s+\nMy order \[ORDER_ID_1\] is late\./);
  });
});
