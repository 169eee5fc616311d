import type { CallAnalysisRecord, LearningStore } from '../engine/store';
import type { CallMetrics, CallPlatform, Conversation, LatencyStats } from '../engine/model';
import { CliError, ExitCode } from './context';

/**
 * Finds a stored call by its full id or by an unambiguous prefix of it (the `calls` table prints full
 * ids, but a prefix is quicker to type). An ambiguous prefix names a few of the matches.
 */
export async function resolveCallId(store: LearningStore, idOrPrefix: string): Promise<string> {
  if (await store.getConversation(idOrPrefix)) return idOrPrefix;
  const matches: string[] = [];
  for (const c of await store.listCalls()) if (c.callId.startsWith(idOrPrefix)) matches.push(c.callId);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new CliError(`no stored call has the id "${idOrPrefix}" (or starts with it); list them with \`kaizen calls\``, ExitCode.usage);
  const shown = matches.slice(0, 5).join(', ');
  throw new CliError(`"${idOrPrefix}" matches ${matches.length} calls (${shown}${matches.length > 5 ? ', …' : ''}); give more of the id`, ExitCode.usage);
}

/** The JSON `kaizen calls show --json` prints: everything stored about one call (already redacted). */
export interface CallView {
  callId: string;
  agentId: string;
  startedAt: number;
  endedAt?: number;
  source?: Conversation['source'];
  outcome?: Conversation['outcome'];
  platform?: CallPlatform;
  metrics?: CallMetrics;
  analysis?: CallAnalysisRecord;
  events: Conversation['events'];
}

export function callView(conv: Conversation, analysis: CallAnalysisRecord | undefined): CallView {
  const view = { callId: conv.callId, agentId: conv.agentId, startedAt: conv.startedAt } as CallView;
  if (conv.endedAt !== undefined) view.endedAt = conv.endedAt;
  if (conv.source) view.source = conv.source;
  if (conv.outcome) view.outcome = conv.outcome;
  if (conv.platform) view.platform = conv.platform;
  if (conv.metrics) view.metrics = conv.metrics;
  if (analysis) view.analysis = analysis;
  // Last, so the digest reads first in the JSON.
  view.events = conv.events;
  return view;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$/, 'Z');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function stats(s: LatencyStats): string {
  const bits: string[] = [];
  if (s.p50 !== undefined) bits.push(`p50 ${Math.round(s.p50)} ms`);
  if (s.p90 !== undefined) bits.push(`p90 ${Math.round(s.p90)} ms`);
  if (s.max !== undefined) bits.push(`max ${Math.round(s.max)} ms`);
  if (s.num !== undefined) bits.push(`n=${s.num}`);
  return bits.join(', ');
}

function json(v: unknown): string {
  return JSON.stringify(v);
}

/** The human-readable page of one call: header, platform, metrics, analysis, transcript with tools. */
export function renderCallText(view: CallView): string {
  const out: string[] = [];
  const line = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '') out.push(`${label.padEnd(17)} ${value}`);
  };
  line('call', view.callId);
  line('agent', view.agentId);
  line('started', iso(view.startedAt));
  if (view.endedAt !== undefined) line('duration', secs(view.outcome?.durationMs ?? view.endedAt - view.startedAt));
  if (view.source) line('source', `${view.source.file}#${view.source.index} [${view.source.format}]${view.source.externalId ? ` id ${view.source.externalId}` : ''}`);
  const o = view.outcome;
  if (o) {
    const bits = [`ended: ${o.endReason}${o.endReasonRaw ? ` (${o.endReasonRaw})` : ''}`];
    if (o.resolved !== undefined) bits.push(o.resolved ? 'resolved' : 'unresolved');
    if (o.transferred) bits.push('transferred');
    if (o.csat !== undefined) bits.push(`csat ${o.csat}`);
    if (o.reward !== undefined) bits.push(`reward ${o.reward}`);
    line('outcome', bits.join(', '));
  }
  const a = view.analysis;
  if (a) {
    line('analysis', `${a.outcome.label} (p=${a.outcome.probability.toFixed(2)}), intent ${a.intent} (${a.intentConfidence.toFixed(2)})`);
    for (const s of a.signals) line('  signal', `${s.polarity === 'success' ? '+' : '-'} ${s.kind} at turn ${s.turnIndex} (strength ${s.strength.toFixed(2)})`);
  } else {
    line('analysis', 'not analysed yet (run `kaizen analyze`)');
  }
  const p = view.platform;
  if (p) {
    line('direction', [p.direction, p.callType].filter(Boolean).join(' / '));
    line('agent name', [p.agentName, p.agentTag && `tag ${p.agentTag}`].filter(Boolean).join(', '));
    line('prompt ver.', p.promptVersion);
    line('model', p.model ? [p.model.provider, p.model.name].filter(Boolean).join(' / ') : undefined);
    line('voice', p.voice ? [p.voice.provider, p.voice.voiceId].filter(Boolean).join(' / ') : undefined);
    line('tools', p.tools?.join(', '));
    for (const [k, v] of Object.entries(p.urls ?? {})) line(`${k} url`, v);
    if (p.metadata) line('metadata', json(p.metadata));
    if (p.dynamicVariables) line('variables', json(p.dynamicVariables));
    if (p.collectedVariables) line('collected', json(p.collectedVariables));
  }
  const m = view.metrics;
  if (m) {
    if (m.cost) {
      const raw = m.cost.total.rawUnit === 'cents' ? ` (${m.cost.total.raw} cents as sent)` : '';
      line('cost', `$${m.cost.total.usd.toFixed(4)}${raw}${m.cost.items ? `: ${m.cost.items.map((i) => `${i.kind} $${i.amount.usd.toFixed(4)}`).join(', ')}` : ''}`);
    }
    if (m.latency) {
      for (const k of ['e2e', 'llm', 'tts', 'asr', 's2s'] as const) if (m.latency[k]) line(`latency ${k}`, stats(m.latency[k]!));
      for (const [k, v] of Object.entries(m.latency.other ?? {})) line(`latency ${k}`, stats(v));
      for (const [k, v] of Object.entries(m.latency.averagesMs ?? {})) line(k, `${Math.round(v)} ms`);
    }
    if (m.tokens) line('tokens', Object.entries(m.tokens).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${k} ${v as number}`).join(', '));
    const an = m.analysis;
    if (an) {
      line('summary', an.summary);
      if (an.successful !== undefined) line('platform: ok', String(an.successful));
      if (an.successEvaluation !== undefined) line('evaluation', String(an.successEvaluation));
      line('sentiment', an.userSentiment);
      if (an.structuredData) line('structured', json(an.structuredData));
    }
    for (const t of m.transfers ?? []) line('transfer', [t.status, t.destination && `to ${t.destination}`, t.mode].filter(Boolean).join(' '));
  }
  out.push('', 'transcript (redacted):');
  let turn = 0;
  for (const e of view.events) {
    const at = e.ts >= view.startedAt ? `+${((e.ts - view.startedAt) / 1000).toFixed(1)}s`.padStart(8) : ''.padStart(8);
    switch (e.type) {
      case 'turn': {
        const lat = e.latency?.turnMs !== undefined ? ` (${Math.round(e.latency.turnMs)} ms)` : '';
        out.push(`${at}  #${turn++} ${e.role.padEnd(6)}${e.interrupted ? ' [cut off]' : ''} ${e.text}${lat}`);
        break;
      }
      case 'tool.called':
        out.push(`${at}  → ${e.name}(${json(e.arguments)})`);
        break;
      case 'tool.result':
        out.push(`${at}  ← ${e.name ?? e.toolCallId} ${e.ok ? 'ok' : 'FAILED'}: ${e.ok ? (e.result ?? '') : (e.error ?? '')}`);
        break;
      case 'agent.error':
        out.push(`${at}  ! ${e.stage} error ${e.code}: ${e.message}`);
        break;
      case 'feedback':
        out.push(`${at}  * feedback from ${e.from}${e.rating !== undefined ? ` rating ${e.rating}` : ''}${e.comment ? `: ${e.comment}` : ''}`);
        break;
      default:
        break;
    }
  }
  return `${out.join('\n')}\n`;
}
