import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { renderReportHtml, renderReportMarkdown } from '../../engine/analytics';
import type { ReportHtmlOptions } from '../../engine/analytics';
import { buildStoreReport } from '../../engine/analytics';
import { DEFAULT_STORE } from '../context';
import { openWorkspace } from '../workspace';
import type { RegisterCommand } from './index';

type ReportFormat = 'md' | 'html';

function parseFormat(value: string): ReportFormat {
  if (value !== 'md' && value !== 'html') throw new InvalidArgumentError('use md or html');
  return value;
}

/**
 * chart.js, inlined into the HTML report so it draws offline. The build copies the UMD bundle beside
 * the CLI (dist/); from source it is read from the installed package. Without it the page falls back
 * to its SVG chart.
 */
export function chartJsForReport(): ReportHtmlOptions {
  const candidates = [path.join(__dirname, 'chart.umd.min.js')];
  try {
    candidates.push(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'));
  } catch {
    // Not installed next to us: the SVG chart is used.
  }
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const source = fs.readFileSync(file, 'utf8');
    // Inlined in a <script> element, the bundle must not be able to close it.
    if (/<\/script/i.test(source)) continue;
    return { chartJs: source, sha256Base64: (text) => createHash('sha256').update(text, 'utf8').digest('base64') };
  }
  return {};
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .description('Write a report of your store: calls, outcomes, intents, significant patterns (with a chart), every decision tree (drawn), recurring errors. Markdown, or standalone HTML that loads nothing.')
    .option('--store <path>', 'learning store file', DEFAULT_STORE)
    .option('--format <md|html>', 'md or html (default: from --out, else md)', parseFormat)
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option('--title <text>', 'report title', 'Kaizen report')
    .action(async (opts: { store: string; format?: ReportFormat; out?: string; title: string }) => {
      const format: ReportFormat = opts.format ?? (opts.out && /\.html?$/i.test(opts.out) ? 'html' : 'md');
      const ws = await openWorkspace(ctx, opts.store);
      let text: string;
      try {
        const report = await buildStoreReport(ws.store, { title: opts.title, generatedAt: ctx.ports.clock.now() });
        text = format === 'html' ? renderReportHtml(report, chartJsForReport()) : renderReportMarkdown(report);
      } finally {
        await ws.close();
      }
      if (!opts.out) {
        ctx.stdout.write(text);
        return;
      }
      const out = path.resolve(ctx.cwd, opts.out);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, text);
      ctx.stderr.write(`wrote ${path.relative(ctx.cwd, out) || out} (${format})\n`);
    });
};
