import { z } from 'zod';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import type { CallPlatform, TokenUsage } from '../../model';
import { CallBuilder, endedOutcome, isRecord, parseRecord, parseToolArguments, sourceOf, toEpochMs } from './common';
import { compact, toolOutputFailed } from './platformFields';

const USER_DONE = 'conversation.item.input_audio_transcription.completed';
const USER_FAILED = 'conversation.item.input_audio_transcription.failed';
/** Agent speech/text: GA names first, then the beta names. */
const AGENT_DONE = new Set(['response.output_audio_transcript.done', 'response.output_text.done', 'response.audio_transcript.done', 'response.text.done']);
const ITEM_SEEN = new Set(['conversation.item.created', 'conversation.item.added', 'conversation.item.done']);

const UserDoneSchema = z.object({ item_id: z.string().optional(), transcript: z.string() });
const UserFailedSchema = z.object({
  item_id: z.string().optional(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});
const AgentDoneSchema = z.object({
  item_id: z.string().optional(),
  response_id: z.string().optional(),
  transcript: z.string().optional(),
  text: z.string().optional(),
});
const FunctionArgsSchema = z.object({ call_id: z.string(), name: z.string().min(1), arguments: z.unknown().optional(), item_id: z.string().optional() });
const ResponseDoneSchema = z.object({
  response: z.object({
    id: z.string().optional(),
    status: z.string().optional(),
    usage: z
      .object({
        total_tokens: z.number().optional(),
        input_tokens: z.number().optional(),
        output_tokens: z.number().optional(),
        input_token_details: z.object({ text_tokens: z.number().optional(), audio_tokens: z.number().optional(), cached_tokens: z.number().optional() }).partial().nullish(),
        output_token_details: z.object({ text_tokens: z.number().optional(), audio_tokens: z.number().optional() }).partial().nullish(),
      })
      .nullish(),
    status_details: z
      .object({ type: z.string().optional(), reason: z.string().nullish(), error: z.object({ code: z.string().nullish(), message: z.string().nullish(), type: z.string().nullish() }).nullish() })
      .nullish(),
  }),
});
const ErrorSchema = z.object({ error: z.object({ type: z.string().nullish(), code: z.string().nullish(), message: z.string().nullish() }) });
const ItemSchema = z.object({
  item: z.object({ id: z.string().optional(), type: z.string().optional(), call_id: z.string().optional(), output: z.string().optional() }),
});

type Usage = NonNullable<z.output<typeof ResponseDoneSchema>['response']['usage']>;

/** Adds one `response.done` usage to the session's running total. */
function addUsage(total: TokenUsage, usage: Usage | null | undefined): void {
  if (!usage) return;
  const add = (k: keyof TokenUsage, v: number | undefined) => {
    if (v !== undefined) (total as Record<string, number>)[k] = ((total[k] as number | undefined) ?? 0) + v;
  };
  add('requests', 1);
  add('inputTokens', usage.input_tokens);
  add('outputTokens', usage.output_tokens);
  add('totalTokens', usage.total_tokens);
  add('inputTextTokens', usage.input_token_details?.text_tokens);
  add('inputAudioTokens', usage.input_token_details?.audio_tokens);
  add('cachedTokens', usage.input_token_details?.cached_tokens);
  add('outputTextTokens', usage.output_token_details?.text_tokens);
  add('outputAudioTokens', usage.output_token_details?.audio_tokens);
}

interface Session {
  index: number;
  id?: string;
  systemPrompt?: string;
  /** Drafts keyed by the order their item first appeared, so a late user transcript lands before the reply. */
  slots: { order: number; seq: number; draft: Parameters<CallBuilder['add']>[0]; itemId?: string; responseId?: string }[];
  itemOrder: Map<string, number>;
  order: number;
  seq: number;
  firstTs?: number;
  lastTs?: number;
  firstLine: number;
  toolNames: Map<string, string>;
  /** Function outputs already taken (the same item is announced by more than one event). */
  outputs: Set<string>;
  hasContent: boolean;
  model?: string;
  voice?: string;
  tools?: string[];
  promptId?: string;
  promptVersion?: string;
  tokens: TokenUsage;
  /** Caller speech offsets in the session audio (`input_audio_buffer.speech_started/stopped`), by item. */
  speech: Map<string, { startMs?: number; endMs?: number }>;
  lastAudioMs?: number;
  /** Content keys of the session's records: a session without an id is named by all of them. */
  keys: string[];
}

/**
 * An OpenAI Realtime server-event log (one JSON event per line) of one session, or several separated
 * by `session.created`. There is no end-of-call report, so `call.ended` is built at the end of each
 * session. Both the GA event names and the beta ones (`response.audio_transcript.done`,
 * `response.text.done`) are read. Turns are ordered by when their conversation item first appeared:
 * the caller's transcript usually arrives after the agent has started answering.
 */
class OpenAiRealtimeAdapter implements FormatAdapter {
  private session: Session | undefined;
  private sessions = 0;

  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const v = record.value;
    if (!isRecord(v) || typeof v.type !== 'string') {
      return [{ kind: 'reject', rejection: { file: this.ctx.file, line: record.line, record: record.index, field: 'type', reason: 'type is missing; every Realtime event has a string `type`' } }];
    }
    const out: AdapterOutput[] = [];
    if (v.type === 'session.created') {
      if (this.session?.hasContent) out.push(this.flush(this.session, record));
      this.session = undefined;
    }
    const s = (this.session ??= this.newSession(record));
    s.keys.push(record.key);
    // Recorded logs carry the receive time under different names; a `response.done` may carry its own.
    const ts = toEpochMs(v.timestamp ?? v.ts ?? v.time ?? v.received_at ?? v.created_at ?? (isRecord(v.response) ? v.response.created_at : undefined));
    if (ts !== undefined) {
      s.firstTs ??= ts;
      s.lastTs = ts;
    }
    const slot = (draft: Session['slots'][number]['draft'], itemId?: string, responseId?: string) => {
      const order = itemId !== undefined ? this.orderOf(s, itemId) : s.order++;
      s.slots.push({ order, seq: s.seq++, draft: { ...draft, ts }, itemId, responseId });
      s.hasContent = true;
    };
    const parse = <T extends z.ZodType>(schema: T) => {
      const r = parseRecord(schema, this.ctx, record);
      if (!r.ok) out.push(r.output);
      return r.ok ? r.value : undefined;
    };

    if (v.type === 'session.created' || v.type === 'session.updated') {
      const session = isRecord(v.session) ? v.session : {};
      if (typeof session.id === 'string' && s.id === undefined) s.id = session.id;
      if (typeof session.instructions === 'string' && s.systemPrompt === undefined) s.systemPrompt = session.instructions;
      this.readSession(s, session);
    } else if (ITEM_SEEN.has(v.type)) {
      const e = parse(ItemSchema);
      if (e?.item.id !== undefined) this.orderOf(s, e.item.id);
      const key = e?.item.id ?? e?.item.call_id;
      if (e && e.item.type === 'function_call_output' && key !== undefined && !s.outputs.has(key)) {
        s.outputs.add(key);
        const text = e.item.output ?? '';
        const ok = !toolOutputFailed(text);
        const name = s.toolNames.get(e.item.call_id ?? '');
        slot({ type: 'tool.result', toolCallId: e.item.call_id ?? '', ...(name ? { name } : {}), ok, ...(ok ? { result: text } : { error: text }) }, e.item.id);
      }
    } else if ((v.type === 'input_audio_buffer.speech_started' || v.type === 'input_audio_buffer.speech_stopped') && typeof v.item_id === 'string') {
      this.orderOf(s, v.item_id);
      const at = s.speech.get(v.item_id) ?? {};
      if (typeof v.audio_start_ms === 'number' && v.audio_start_ms >= 0) at.startMs = v.audio_start_ms;
      if (typeof v.audio_end_ms === 'number' && v.audio_end_ms >= 0) at.endMs = v.audio_end_ms;
      s.speech.set(v.item_id, at);
      s.lastAudioMs = Math.max(s.lastAudioMs ?? 0, at.endMs ?? at.startMs ?? 0);
    } else if (v.type === 'input_audio_buffer.committed' && typeof v.item_id === 'string') {
      this.orderOf(s, v.item_id);
    } else if (v.type === USER_FAILED) {
      const e = parse(UserFailedSchema);
      if (e) slot({ type: 'agent.error', code: e.error?.code ?? 'transcription_failed', message: e.error?.message ?? 'caller audio could not be transcribed', stage: 'asr' }, e.item_id);
    } else if (v.type === USER_DONE) {
      const e = parse(UserDoneSchema);
      if (e) slot({ type: 'turn', role: 'user', text: e.transcript }, e.item_id);
    } else if (AGENT_DONE.has(v.type)) {
      const e = parse(AgentDoneSchema);
      if (e) slot({ type: 'turn', role: 'agent', text: e.transcript ?? e.text ?? '' }, e.item_id, e.response_id);
    } else if (v.type === 'response.function_call_arguments.done') {
      const e = parse(FunctionArgsSchema);
      if (e) {
        s.toolNames.set(e.call_id, e.name);
        slot({ type: 'tool.called', toolCallId: e.call_id, name: e.name, arguments: parseToolArguments(e.arguments) }, e.item_id);
      }
    } else if (v.type === 'conversation.item.truncated' && typeof v.item_id === 'string') {
      this.markInterrupted(s, (x) => x.itemId === v.item_id);
    } else if (v.type === 'response.done') {
      const e = parse(ResponseDoneSchema);
      const details = e?.response.status_details;
      if (e) addUsage(s.tokens, e.response.usage);
      if (e && details?.reason === 'turn_detected') {
        this.markInterrupted(s, (x) => x.responseId !== undefined && x.responseId === e.response.id);
      } else if (e && e.response.status === 'failed') {
        const err = details?.error;
        slot({ type: 'agent.error', code: err?.code ?? err?.type ?? 'response_failed', message: err?.message ?? 'response failed', stage: 'llm' });
      }
    } else if (v.type === 'error') {
      const e = parse(ErrorSchema);
      if (e) slot({ type: 'agent.error', code: e.error.code ?? e.error.type ?? 'error', message: e.error.message ?? '', stage: 'other' });
    }
    return out;
  }

  end(): AdapterOutput[] {
    const s = this.session;
    this.session = undefined;
    return s?.hasContent ? [this.flush(s, { value: null, index: s.index, line: s.firstLine, key: '' })] : [];
  }

  private newSession(record: SourceRecord): Session {
    return {
      index: this.sessions++,
      slots: [],
      itemOrder: new Map(),
      order: 0,
      seq: 0,
      firstLine: record.line,
      toolNames: new Map(),
      outputs: new Set(),
      hasContent: false,
      tokens: {},
      speech: new Map(),
      keys: [],
    };
  }

  /** Model, voice, tools and prompt from `session.created`/`session.updated` (GA and beta shapes). */
  private readSession(s: Session, session: Record<string, unknown>): void {
    if (typeof session.model === 'string') s.model = session.model;
    const audio = isRecord(session.audio) && isRecord(session.audio.output) ? session.audio.output : undefined;
    const voice = typeof session.voice === 'string' ? session.voice : typeof audio?.voice === 'string' ? audio.voice : undefined;
    if (voice) s.voice = voice;
    if (Array.isArray(session.tools)) {
      const names = session.tools.map((t) => (isRecord(t) && typeof t.name === 'string' ? t.name : undefined)).filter((n): n is string => n !== undefined);
      if (names.length) s.tools = names;
    }
    if (isRecord(session.prompt)) {
      if (typeof session.prompt.id === 'string') s.promptId = session.prompt.id;
      if (typeof session.prompt.version === 'string' || typeof session.prompt.version === 'number') s.promptVersion = String(session.prompt.version);
    }
  }

  private orderOf(s: Session, itemId: string): number {
    let o = s.itemOrder.get(itemId);
    if (o === undefined) {
      o = s.order++;
      s.itemOrder.set(itemId, o);
    }
    return o;
  }

  private markInterrupted(s: Session, match: (slot: Session['slots'][number]) => boolean): void {
    for (const x of s.slots) if (x.draft.type === 'turn' && x.draft.role === 'agent' && match(x)) x.draft = { ...x.draft, interrupted: true };
  }

  private flush(s: Session, at: SourceRecord): AdapterOutput {
    const ctx = this.ctx;
    const callId = s.id ?? `rt:${ctx.hash(s.keys.join(','))}`;
    // The session names what ran the call: a stored prompt's id, else the model.
    const agentId = s.promptId ?? s.model ?? ctx.agentId;
    const call = s.firstTs !== undefined ? new CallBuilder(callId, agentId, s.firstTs) : CallBuilder.synthetic(ctx, s.index, callId, agentId);
    const platform = compact<CallPlatform>({
      model: s.model ? { provider: 'openai', name: s.model } : undefined,
      voice: s.voice ? { provider: 'openai', voiceId: s.voice } : undefined,
      tools: s.tools,
      promptVersion: s.promptVersion,
    });
    call.add({
      type: 'call.started',
      channel: 'voice',
      source: sourceOf(ctx, s.index, s.id),
      ...(s.systemPrompt !== undefined ? { systemPrompt: s.systemPrompt } : {}),
      ...(s.promptVersion !== undefined ? { agentVersion: s.promptVersion } : {}),
      ...(platform ? { platform } : {}),
      ts: s.firstTs,
    });
    const base = call.lastTimestamp;
    for (const x of s.slots) {
      const at = x.itemId !== undefined ? s.speech.get(x.itemId) : undefined;
      if (!at || x.draft.type !== 'turn') continue;
      // Offsets in the session audio: they place the caller's turn even when the log has no clock.
      x.draft = { ...x.draft, ...(at.startMs !== undefined ? { startMs: at.startMs } : {}), ...(at.endMs !== undefined ? { endMs: at.endMs } : {}) };
      // The transcript arrives after the caller spoke (often after the reply began); the audio offset says when.
      if (at.startMs !== undefined) x.draft = { ...x.draft, ts: base + at.startMs };
    }
    // Timestamps (when the log has them) follow arrival; the item order decides the sequence, so
    // they are dropped when they would run backwards.
    for (const x of [...s.slots].sort((a, b) => a.order - b.order || a.seq - b.seq)) {
      call.add({ ...x.draft, ts: x.draft.ts !== undefined && x.draft.ts >= call.lastTimestamp ? x.draft.ts : undefined });
    }
    const durationMs = s.firstTs !== undefined && s.lastTs !== undefined && s.lastTs > s.firstTs ? s.lastTs - s.firstTs : s.lastAudioMs;
    const tokens = compact(s.tokens);
    call.add({
      type: 'call.ended',
      outcome: endedOutcome({ endReason: 'unknown', durationMs }),
      ...(tokens ? { metrics: { tokens } } : {}),
      ts: s.lastTs !== undefined ? Math.max(s.lastTs, call.lastTimestamp) : undefined,
    });
    return call.finish(ctx, { ...at, index: s.index, line: s.firstLine });
  }
}

const REALTIME_PREFIX = /^(session|conversation|response|input_audio_buffer|output_audio_buffer|rate_limits|transcription_session)\.|^error$/;

export const openAiRealtimeFormat: FormatDefinition = {
  format: 'openai-realtime',
  sniff: (v) => isRecord(v) && typeof v.type === 'string' && REALTIME_PREFIX.test(v.type) && !('callId' in v),
  create: (ctx) => new OpenAiRealtimeAdapter(ctx),
};
