import assert from 'node:assert/strict';
import { deepAnalysisMarkdown } from '../../src/extension/documents/deepAnalysisMarkdown';

describe('extension documents: deep analysis as Markdown', () => {
  const finding = { id: 'finding-abc', summary: 'Refunds <b>fail</b>\n# twice', evidence: { calls: ['c1', 'c2'], fingerprints: ['fp-1'] }, hypotheses: ['Verify first', 'Then refund'] };

  it('renders Claude findings with usage, cost, hypotheses and the engine evidence; model text never becomes HTML or a heading', () => {
    const md = deepAnalysisMarkdown({
      mode: 'claude',
      model: 'claude-sonnet-4-6',
      requests: 2,
      usage: { inputTokens: 1000, outputTokens: 200, cacheCreationInputTokens: 300, cacheReadInputTokens: 300 },
      costUsd: 0.0123456,
      findings: [finding],
    });
    assert.match(md, /^# Kaizen deep analysis\n/);
    assert.match(md, /Claude \(claude-sonnet-4-6\): 2 billed answers, 1000 input \+ 200 output tokens, cache 300 written \/ 300 read — \$0\.0123\./);
    assert.match(md, /^## Refunds &lt;b&gt;fail&lt;\/b&gt; # twice$/m);
    assert.match(md, /^- Verify first$/m);
    assert.match(md, /calls `c1`, `c2`; fingerprints `fp-1`/);
  });

  it('says how to enable Claude when offline, and what to do when there is nothing yet', () => {
    const md = deepAnalysisMarkdown({ mode: 'offline', model: null, requests: 0, usage: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 }, costUsd: 0, findings: [] });
    assert.match(md, /Offline: .*kaizen\.claude\.enabled.*Set Anthropic API Key/);
    assert.match(md, /No significant pattern or recurring error yet/);
  });
});
