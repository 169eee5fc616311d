import type { TreeNode } from '../knowledge';

/**
 * A decision tree drawn as inline SVG, top-down: questions (situation features) as rounded boxes, the
 * recommended move with its success rate as the leaves, branch values on the edges. The layout is the
 * classic tidy one for small trees: leaves take consecutive columns, a parent sits over the middle of
 * its children. Drawn here rather than by Mermaid so the report needs no script and no network.
 */

const BOX_W = 176;
const BOX_H = 46;
const COL_W = 196;
const ROW_H = 104;
const PAD = 12;

interface Placed {
  node: TreeNode;
  x: number;
  y: number;
  children: Array<{ label: string; child: Placed }>;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Cuts a label to fit a box; the full text stays in the box's tooltip. */
function fit(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function place(node: TreeNode, depth: number, next: { col: number }): Placed {
  const y = PAD + depth * ROW_H;
  if (node.type === 'leaf' || node.branches.length === 0) {
    const x = PAD + next.col++ * COL_W;
    return { node, x, y, children: [] };
  }
  const children = node.branches.map((b) => ({ label: b.value, child: place(b.node, depth + 1, next) }));
  const x = (children[0]!.child.x + children[children.length - 1]!.child.x) / 2;
  return { node, x, y, children };
}

function leafText(node: Extract<TreeNode, { type: 'leaf' }>): { line1: string; line2: string } {
  const used = node.actions.find((a) => a.action === node.best)?.n ?? 0;
  return { line1: node.best || 'no data', line2: `${Math.round(node.bestRate * 100)}% success in ${used} of ${node.n}` };
}

/**
 * The report page styles the tree with its own CSS; a standalone SVG (an image in VS Code's Markdown
 * preview, a file) carries the same rules and colours inside it.
 */
const STANDALONE_STYLE =
  ':root{--fg:#1f2328;--bg:#fff;--muted:#59636e;--grid:#d1d9e0;--good:#1a7f37;--bad:#cf222e}' +
  'text{font:12px sans-serif;fill:var(--fg)}svg.tree rect{fill:var(--bg);stroke:var(--muted)}' +
  'svg.tree .good rect{stroke:var(--good);stroke-width:2}svg.tree .bad rect{stroke:var(--bad);stroke-width:2}' +
  'svg.tree .question rect{fill:#eef2f6}svg.tree text.strong{font-weight:600}svg.tree text.edge{fill:var(--muted);font-size:11px}';

export interface TreeSvgOptions {
  /** A self-contained image: the XML namespace and the styles inside (default: styled by the page). */
  standalone?: boolean;
}

export function treeToSvg(root: TreeNode, title: string, options: TreeSvgOptions = {}): string {
  const placed = place(root, 0, { col: 0 });
  const parts: string[] = [];
  let maxX = 0;
  let maxY = 0;
  const walk = (p: Placed) => {
    maxX = Math.max(maxX, p.x + BOX_W);
    maxY = Math.max(maxY, p.y + BOX_H);
    for (const { label, child } of p.children) {
      const x1 = p.x + BOX_W / 2;
      const y1 = p.y + BOX_H;
      const x2 = child.x + BOX_W / 2;
      const y2 = child.y;
      parts.push(`<path d="M${x1} ${y1} C${x1} ${(y1 + y2) / 2} ${x2} ${(y1 + y2) / 2} ${x2} ${y2}" fill="none" stroke="var(--muted)"/>`);
      parts.push(`<text class="edge" x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 3}" text-anchor="middle"><title>${escapeXml(label)}</title>${escapeXml(fit(label, 26))}</text>`);
      walk(child);
    }
    const n = p.node;
    const cx = p.x + BOX_W / 2;
    if (n.type === 'leaf') {
      const { line1, line2 } = leafText(n);
      const cls = n.bestRate >= 0.5 ? 'leaf good' : 'leaf bad';
      parts.push(
        `<g class="${cls}"><title>${escapeXml(`${line1}: ${line2} calls`)}</title><rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="6"/>` +
          `<text x="${cx}" y="${p.y + 19}" text-anchor="middle" class="strong">${escapeXml(fit(line1, 26))}</text>` +
          `<text x="${cx}" y="${p.y + 36}" text-anchor="middle">${escapeXml(line2)}</text></g>`,
      );
    } else {
      parts.push(
        `<g class="question"><title>${escapeXml(`${n.feature}? (${n.n} calls)`)}</title><rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="18"/>` +
          `<text x="${cx}" y="${p.y + 20}" text-anchor="middle" class="strong">${escapeXml(fit(`${n.feature}?`, 26))}</text>` +
          `<text x="${cx}" y="${p.y + 36}" text-anchor="middle">${n.n} calls</text></g>`,
      );
    }
  };
  walk(placed);
  const w = maxX + PAD;
  const h = maxY + PAD;
  const head = options.standalone ? ` xmlns="http://www.w3.org/2000/svg"` : '';
  const style = options.standalone ? `<style>${STANDALONE_STYLE}</style>` : '';
  return `<svg${head} class="tree" role="img" aria-label="${escapeXml(title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${style}${parts.join('')}</svg>`;
}
