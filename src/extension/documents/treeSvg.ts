import type { TreeNode } from '../../engine/knowledge';

/**
 * A decision tree drawn as a self-contained SVG (no script, no remote font or library), laid out left
 * to right: questions as rounded boxes, recommended moves as boxes with their success rate, branch
 * values on the edges. Leaves take one row each; a question sits level with the middle of its children.
 */
const ROW = 44;
const BOX_H = 30;
const CHAR_W = 7.2;
const GAP_X = 90;
const PAD = 12;

interface Placed {
  label: string;
  leaf: boolean;
  depth: number;
  y: number;
  children: Array<{ value: string; node: Placed }>;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function label(node: TreeNode): string {
  if (node.type === 'split') return `${node.feature}?`;
  const used = node.actions.find((a) => a.action === node.best)?.n ?? 0;
  return `${node.best || 'no data'} · ${Math.round(node.bestRate * 100)}% of ${used} (n=${node.n})`;
}

export function treeToSvg(tree: TreeNode): string {
  let rows = 0;
  const place = (node: TreeNode, depth: number): Placed => {
    if (node.type === 'leaf' || node.branches.length === 0) return { label: label(node), leaf: true, depth, y: rows++ * ROW, children: [] };
    const children = node.branches.map((b) => ({ value: b.value, node: place(b.node, depth + 1) }));
    const y = (children[0]!.node.y + children[children.length - 1]!.node.y) / 2;
    return { label: label(node), leaf: false, depth, y, children };
  };
  const root = place(tree, 0);
  // Column widths: the widest box at each depth.
  const widths: number[] = [];
  const measure = (p: Placed) => {
    widths[p.depth] = Math.max(widths[p.depth] ?? 0, p.label.length * CHAR_W + 16);
    for (const c of p.children) measure(c.node);
  };
  measure(root);
  const colX: number[] = [];
  widths.forEach((w, i) => (colX[i] = i === 0 ? PAD : colX[i - 1]! + widths[i - 1]! + GAP_X));
  const parts: string[] = [];
  const draw = (p: Placed) => {
    const x = colX[p.depth]!;
    const y = p.y + PAD;
    const w = p.label.length * CHAR_W + 16;
    for (const c of p.children) {
      const cx = colX[c.node.depth]!;
      const cy = c.node.y + PAD + BOX_H / 2;
      const sx = x + w;
      const sy = y + BOX_H / 2;
      parts.push(`<path d="M${sx},${sy} C${sx + GAP_X / 2},${sy} ${cx - GAP_X / 2},${cy} ${cx},${cy}" class="edge"/>`);
      parts.push(`<text x="${cx - 6}" y="${cy - 5}" text-anchor="end" class="branch">${xml(c.value)}</text>`);
      draw(c.node);
    }
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${BOX_H}" rx="${p.leaf ? 3 : 12}" class="${p.leaf ? 'move' : 'question'}"/>`);
    parts.push(`<text x="${x + 8}" y="${y + BOX_H / 2 + 4}" class="label">${xml(p.label)}</text>`);
  };
  draw(root);
  const width = Math.ceil(colX[widths.length - 1]! + widths[widths.length - 1]! + PAD);
  const height = Math.ceil(Math.max(1, rows) * ROW + 2 * PAD);
  const style =
    '.edge{fill:none;stroke:#888;stroke-width:1.2}.branch{font:11px sans-serif;fill:#888}.label{font:12px sans-serif;fill:#111}' +
    '.question{fill:#dbe9ff;stroke:#3a78c9}.move{fill:#e2f4e0;stroke:#3f9b46}';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><style>${style}</style>${parts.join('')}</svg>`;
}

/** The SVG as a data URI for a Markdown image (the preview allows data: images, never scripts). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
