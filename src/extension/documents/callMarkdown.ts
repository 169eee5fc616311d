import type { Conversation } from '../../engine/model';

/**
 * A stored call as a Markdown document for the preview: a facts table (agent, start, source, every
 * outcome field in words), then the redacted transcript turn by turn with tool calls and errors. The
 * store holds only redacted text. Loaded with the engine bundle (heavy.ts).
 */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** One outcome field as words: yes/no, durations in seconds, nested values as compact JSON. */
function outcomeValue(key: string, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number' && /Ms$/.test(key)) return `${(v / 1000).toFixed(1)} s`;
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return `\`${JSON.stringify(v)}\``;
}

/** camelCase field name → words ("endReasonRaw" → "end reason raw"). */
const words = (key: string) => key.replace(/Ms$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

export function callToMarkdown(c: Conversation): string {
  const facts: Array<[string, string]> = [
    ['agent', c.agentId],
    ['started', `${new Date(c.startedAt).toISOString().replace('T', ' ').slice(0, 19)} UTC`],
  ];
  if (c.source) facts.push(['source', `${c.source.file} (record ${c.source.index}, ${c.source.format})`]);
  for (const [k, v] of Object.entries(c.outcome ?? {})) if (v !== undefined) facts.push([words(k), outcomeValue(k, v)]);
  const lines = [`# Call ${c.callId}`, '', '| | |', '| --- | --- |', ...facts.map(([k, v]) => `| ${cell(k)} | ${cell(v)} |`), '', '## Transcript', ''];
  const t0 = c.startedAt;
  for (const e of c.events) {
    const at = `+${((e.ts - t0) / 1000).toFixed(1)} s`;
    switch (e.type) {
      case 'turn':
        lines.push(`**${e.role}** <sub>${at}${e.interrupted ? ', interrupted' : ''}</sub>  `, e.text, '');
        break;
      case 'tool.called':
        lines.push(`> tool call \`${e.name}\` <sub>${at}</sub>`, '');
        break;
      case 'tool.result':
        lines.push(`> tool result \`${e.name ?? e.toolCallId}\`: ${e.ok ? 'ok' : `**error** ${e.error ?? ''}`}`, '');
        break;
      case 'agent.error':
        lines.push(`> ⚠ agent error \`${e.code}\` (${e.stage}): ${e.message}`, '');
        break;
      case 'feedback':
        lines.push(`> feedback from ${e.from}: ${[e.rating, e.label, e.comment].filter((x) => x !== undefined && x !== '').join(' · ')}`, '');
        break;
      case 'call.ended':
        lines.push(`> call ended: ${e.outcome.endReason} <sub>${at}</sub>`, '');
        break;
      default:
        break;
    }
  }
  return lines.join('\n');
}
