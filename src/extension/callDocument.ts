import * as vscode from 'vscode';
import type { Conversation } from '../engine/model';
import type { KaizenContext } from './context';

export const CALL_SCHEME = 'kaizen-call';

export function callUri(callId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CALL_SCHEME, path: `/${encodeURIComponent(callId)}.md` });
}

function callIdOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, ''));
}

/** The redacted transcript of a stored call as Markdown (the store holds only redacted text). */
export function renderTranscript(c: Conversation): string {
  const lines = [`# Call ${c.callId}`, '', `- agent: ${c.agentId}`, `- started: ${new Date(c.startedAt).toISOString()}`];
  if (c.source) lines.push(`- source: ${c.source.file} (record ${c.source.index}, ${c.source.format})`);
  if (c.outcome) lines.push(`- outcome: ${JSON.stringify(c.outcome)}`);
  lines.push('', '---', '');
  const t0 = c.startedAt;
  for (const e of c.events) {
    const at = `+${((e.ts - t0) / 1000).toFixed(1)}s`;
    switch (e.type) {
      case 'turn':
        lines.push(`**${e.role}** ${at}${e.interrupted ? ' (interrupted)' : ''}  `, e.text, '');
        break;
      case 'tool.called':
        lines.push(`> tool call \`${e.name}\` ${at}`, '');
        break;
      case 'tool.result':
        lines.push(`> tool result \`${e.name ?? e.toolCallId}\`: ${e.ok ? 'ok' : `error: ${e.error ?? ''}`}`, '');
        break;
      case 'agent.error':
        lines.push(`> ⚠ agent error ${e.code} (${e.stage}): ${e.message}`, '');
        break;
      case 'feedback':
        lines.push(`> feedback from ${e.from}: ${e.rating ?? ''} ${e.label ?? ''} ${e.comment ?? ''}`, '');
        break;
      case 'call.ended':
        lines.push(`> call ended: ${e.outcome.endReason}`, '');
        break;
      default:
        break;
    }
  }
  return lines.join('\n');
}

/** Read-only virtual documents `kaizen-call:/<callId>.md` showing a call's redacted transcript. */
export class CallDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly ctx: KaizenContext) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const callId = callIdOf(uri);
    const store = await this.ctx.engine.store();
    const c = await store.getConversation(callId);
    if (!c) return `# Call ${callId}\n\nThis call is not in the learning store (it may have been removed by retention).`;
    return renderTranscript(c);
  }
}
