import { z } from 'zod';
import type { AdapterContext, AdapterOutput, FormatAdapter, FormatDefinition, SourceRecord } from '../types';
import {
  CallBuilder,
  contentText,
  endedOutcome,
  isRecord,
  isTransferTool,
  looksLikeToolError,
  parseRecord,
  parseToolArguments,
  sourceOf,
} from './common';

const ToolCallSchema = z.object({
  id: z.string(),
  type: z.string().optional(),
  function: z.object({ name: z.string().min(1), arguments: z.unknown().optional() }),
});

const ContentSchema = z.union([z.string(), z.null(), z.array(z.unknown())]).optional();

const MessageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: ContentSchema,
  name: z.string().optional(),
  tool_calls: z.array(ToolCallSchema).nullish(),
  tool_call_id: z.string().optional(),
});
type Message = z.output<typeof MessageSchema>;

/** τ-bench's record: one task run. */
const TauRecordSchema = z.object({
  task_id: z.union([z.number(), z.string()]),
  trial: z.number().int().nonnegative().optional(),
  reward: z.number().optional(),
  traj: z.array(MessageSchema),
});

/** A generic chat log: `{messages:[...]}` with optional ids. */
const MessagesRecordSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  agent_id: z.string().optional(),
  reward: z.number().optional(),
  messages: z.array(MessageSchema),
});

/**
 * OpenAI chat-message logs: τ-bench runs (`{task_id, trial, reward, info, traj}`) and plain
 * `{messages:[...]}` records. The first system message becomes the call's system prompt; tool calls and
 * `role:"tool"` results become tool events; a result that reads "Error: …" is a failed tool call;
 * a call to a transfer-to-human tool marks the call escalated and transferred.
 */
class OpenAiMessagesAdapter implements FormatAdapter {
  constructor(private readonly ctx: AdapterContext) {}

  push(record: SourceRecord): AdapterOutput[] {
    const v = record.value;
    if (isRecord(v) && 'traj' in v) {
      const r = parseRecord(TauRecordSchema, this.ctx, record);
      if (!r.ok) return [r.output];
      return [this.build(record, r.value.traj, { externalId: String(r.value.task_id), trial: r.value.trial, reward: r.value.reward })];
    }
    const r = parseRecord(MessagesRecordSchema, this.ctx, record);
    if (!r.ok) return [r.output];
    const externalId = r.value.id === undefined ? undefined : String(r.value.id);
    return [this.build(record, r.value.messages, { externalId, reward: r.value.reward, agentId: r.value.agent_id })];
  }

  end(): AdapterOutput[] {
    return [];
  }

  private build(
    record: SourceRecord,
    messages: Message[],
    meta: { externalId?: string; trial?: number; reward?: number; agentId?: string },
  ): AdapterOutput {
    const ctx = this.ctx;
    const callId = `oai:${record.key}`;
    const call = CallBuilder.synthetic(ctx, record.index, callId, meta.agentId ?? ctx.agentId);
    let systemPrompt: string | undefined;
    let firstSystem = true;
    const toolNames = new Map<string, string>();
    let transferred = false;
    // call.started first; its system prompt is filled in below once the messages are read.
    call.add({ type: 'call.started', channel: 'chat', source: sourceOf(ctx, record.index, meta.externalId, meta.trial) });
    for (const m of messages) {
      const text = contentText(m.content);
      switch (m.role) {
        case 'system':
        case 'developer':
          if (firstSystem && text !== undefined) {
            systemPrompt = text;
            firstSystem = false;
          } else if (text !== undefined) {
            call.add({ type: 'turn', role: 'system', text });
          }
          break;
        case 'user':
          call.add({ type: 'turn', role: 'user', text: text ?? '' });
          break;
        case 'assistant':
          if (text !== undefined && text !== '') call.add({ type: 'turn', role: 'agent', text });
          for (const tc of m.tool_calls ?? []) {
            toolNames.set(tc.id, tc.function.name);
            if (isTransferTool(tc.function.name)) transferred = true;
            call.add({ type: 'tool.called', toolCallId: tc.id, name: tc.function.name, arguments: parseToolArguments(tc.function.arguments) });
          }
          break;
        case 'tool':
        case 'function': {
          const out = text ?? '';
          const toolCallId = m.tool_call_id ?? '';
          const name = m.name ?? toolNames.get(toolCallId);
          const ok = !looksLikeToolError(out);
          call.add({ type: 'tool.result', toolCallId, ...(name ? { name } : {}), ok, ...(ok ? { result: out } : { error: out }) });
          break;
        }
      }
    }
    if (systemPrompt !== undefined) call.patch((d) => d.type === 'call.started', (d) => ({ ...d, systemPrompt }));
    const hasReward = meta.reward !== undefined;
    call.add({
      type: 'call.ended',
      outcome: endedOutcome({
        reward: meta.reward,
        resolved: hasReward ? meta.reward! >= 1 : undefined,
        escalated: transferred || undefined,
        transferred: transferred || undefined,
        endReason: transferred ? 'transfer' : hasReward ? 'completed' : 'unknown',
      }),
    });
    return call.finish(ctx, record);
  }
}

function isMessageList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && isRecord(v[0]) && typeof v[0].role === 'string';
}

export const openAiMessagesFormat: FormatDefinition = {
  format: 'openai-messages',
  sniff: (v) => isRecord(v) && (isMessageList(v.traj) || (isMessageList(v.messages) && !isRecord(v.message))),
  create: (ctx) => new OpenAiMessagesAdapter(ctx),
};
