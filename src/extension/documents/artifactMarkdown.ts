import type { TreeNode } from '../../engine/knowledge';
import { treeToText } from '../../engine/knowledge';
import type { LearningArtifact } from '../../engine/model';
import { treeToSvg } from '../../engine/analytics';
import { svgDataUri } from './svgImage';

/**
 * A learning artifact as a readable Markdown document (shown in VS Code's Markdown preview): a prompt
 * as its text, a decision tree drawn as an image, rankings and rules as tables. The store holds only
 * redacted text, so nothing here needs redacting again. Loaded with the engine bundle (heavy.ts).
 */
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const pp = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(0)} pp`;
/** Table cells: a pipe or a line break would end the cell. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const table = (head: string[], rows: string[][]) => [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
/** A fenced block whose fence cannot be closed by the text inside it. */
const fenced = (text: string, lang = '') => {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [`${fence}${lang}`, text, fence];
};

export function artifactToMarkdown(a: LearningArtifact): string {
  const p = a.payload;
  const lines = [`# ${a.title || `${p.kind} ${a.artifactId}`}`, '', `*${p.kind}* · version ${a.version} · ${a.status} · ${new Date(a.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`];
  if (a.note) lines.push('', `> ${cell(a.note)}`);
  lines.push('');
  switch (p.kind) {
    case 'prompt':
      lines.push(`Prompt for \`${p.target}\`:`, '', ...fenced(p.text, 'text'));
      break;
    case 'prompt-enhancement':
      lines.push(`Change to \`${p.target}\``, '', '## Rationale', '', p.rationale, '');
      if (p.hypothesis) lines.push('## Hypothesis', '', p.hypothesis, '');
      lines.push('## Change', '', ...fenced(p.diff, 'diff'));
      break;
    case 'template':
      lines.push(`Conversation template for **${p.intent}**:`, '', ...p.steps.map((s, i) => `${i + 1}. **${s.role}**: ${s.template}`));
      break;
    case 'decision-tree': {
      // Synthesis stores { root, mermaid }; a bare tree is accepted too.
      const raw = p.tree as unknown as { root?: TreeNode } & Partial<TreeNode>;
      const tree = (raw.root ?? raw) as TreeNode;
      if (tree.type !== 'leaf' && tree.type !== 'split') {
        lines.push(`The stored tree for **${p.intent}** has no shape this version can draw.`);
        break;
      }
      lines.push(`Which move to make in which situation, for **${p.intent}** (questions in blue, recommended moves in green with their success rate):`, '');
      lines.push(`![Decision tree for ${p.intent}](${svgDataUri(treeToSvg(tree, `Decision tree for ${p.intent}`, { standalone: true }))})`, '');
      lines.push('<details><summary>The same tree as text</summary>', '', ...fenced(treeToText(tree).join('\n')), '', '</details>');
      break;
    }
    case 'strategy':
      lines.push(`Strategies for **${p.intent}**, best first:`, '');
      lines.push(...table(['Strategy', 'Success', 'Lift', 'Calls'], p.ranking.map((r) => [r.strategy, pct(r.successRate), pp(r.lift), String(r.support)])));
      break;
    case 'tool-pattern':
      lines.push(p.rule, '', ...table(['Tool sequence', 'Lift', 'Calls'], [[p.sequence.join(' → '), pp(p.lift), String(p.support)]]));
      break;
    case 'avoidance-rule':
      lines.push(p.rule, '', `Error fingerprint: \`${p.fingerprint}\``);
      if (p.precursors.length > 0) lines.push('', 'What comes before it:', '', ...p.precursors.map((x) => `- ${x}`));
      break;
    case 'playbook': {
      const active = p.bullets.filter((b) => b.status === 'active');
      lines.push(`${active.length} active bullet(s), ${p.bullets.length - active.length} deprecated; counters follow the calls that ran each bullet.`, '');
      lines.push(...table(['Bullet', 'Section', 'Text', 'Helpful', 'Harmful', 'Calls behind it', 'Status'], p.bullets.map((b) => [b.id, b.section, b.text, String(b.helpful), String(b.harmful), String(b.support), b.status])));
      break;
    }
    case 'knowledge-graph': {
      const label = new Map(p.nodes.map((n) => [n.id, n.label]));
      lines.push(`${p.nodes.length} nodes, ${p.edges.length} edges (strongest first).`, '');
      const edges = [...p.edges].sort((x, y) => y.weight - x.weight).slice(0, 200);
      lines.push(...table(['From', 'Relation', 'To', 'Weight'], edges.map((e) => [label.get(e.from) ?? e.from, e.kind, label.get(e.to) ?? e.to, e.weight.toFixed(2)])));
      break;
    }
  }
  lines.push('', '---', '', `\`${a.artifactId}\` v${a.version} · content hash \`${a.contentHash.slice(0, 12)}\``);
  return `${lines.join('\n')}\n`;
}
