import type { LeakCase } from './handmadeCases';
import { caseEvents } from './handmadeCases';

/** A hostile case (test/fixtures/privacy/hostile): a leak case that may also carry the call's metadata. */
export type HostileCase = LeakCase & { metadata?: Record<string, unknown> };

/** One import file per format the case fits: the same call written as each recording format writes it. */
export interface FormatFile {
  name: string;
  format: string;
  text: string;
  /** Ids of the cases in it (a format that cannot carry a case's ids, metadata or tools leaves it out). */
  ids: string[];
}

const T0 = 1_790_000_000_000;
const callIdOf = (c: HostileCase) => c.callId ?? `hostile-${c.id}`;
const hasIds = (c: HostileCase) => c.agentId !== undefined || c.callId !== undefined || c.externalId !== undefined || c.metadata !== undefined;

/** OpenAI chat messages of the case (τ-bench and message logs). */
function chatMessages(c: HostileCase): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ role: 'system', content: 'You are the support assistant of a phone company.' }];
  for (const [role, text] of c.turns) out.push({ role: role === 'agent' ? 'assistant' : 'user', content: text });
  (c.tools ?? []).forEach((t, k) => {
    out.push({ role: 'assistant', content: null, tool_calls: [{ id: `${c.id}-t${k}`, type: 'function', function: { name: t.name, arguments: JSON.stringify(t.arguments) } }] });
    out.push({ role: 'tool', tool_call_id: `${c.id}-t${k}`, name: t.name, content: t.result ?? '{}' });
  });
  out.push({ role: 'assistant', content: 'Is there anything else?' });
  return out;
}

export function hostileFormatFiles(cases: readonly HostileCase[]): FormatFile[] {
  const files: FormatFile[] = [];
  const add = (name: string, format: string, fit: (c: HostileCase) => boolean, render: (fitting: HostileCase[]) => string) => {
    const fitting = cases.filter(fit);
    files.push({ name, format, text: render(fitting), ids: fitting.map((c) => c.id) });
  };

  add('hostile.jsonl', 'kaizen-jsonl', () => true, (cs) =>
    cs
      .flatMap((c, i) => {
        const events = caseEvents(c, T0 + i * 600_000);
        if (c.metadata) events[0] = { ...events[0], platform: { metadata: c.metadata } };
        return events.map((e) => JSON.stringify(e));
      })
      .join('\n'),
  );

  // Message logs carry an id and the messages; no agent id or metadata.
  add('hostile-messages.jsonl', 'openai-messages', (c) => c.agentId === undefined && c.callId === undefined && c.metadata === undefined, (cs) =>
    cs.map((c) => JSON.stringify({ id: c.externalId ?? `msg-${c.id}`, messages: chatMessages(c) })).join('\n'),
  );

  add('hostile-tau.json', 'openai-messages', (c) => !hasIds(c), (cs) =>
    JSON.stringify(cs.map((c, i) => ({ task_id: 900 + i, trial: 0, reward: 1, traj: chatMessages(c) }))),
  );

  add('hostile-vapi.jsonl', 'vapi', (c) => c.externalId === undefined, (cs) =>
    cs
      .map((c, i) => {
        const t0 = T0 + i * 600_000;
        const messages: Record<string, unknown>[] = [{ role: 'system', message: 'You are the support assistant.', time: t0, secondsFromStart: 0 }];
        let s = 1;
        for (const [role, text] of c.turns) messages.push({ role: role === 'agent' ? 'bot' : 'user', message: text, time: t0 + s * 1000, secondsFromStart: s++ });
        (c.tools ?? []).forEach((t, k) => {
          messages.push({ role: 'tool_calls', message: '', time: t0 + s * 1000, secondsFromStart: s++, toolCalls: [{ id: `${c.id}-t${k}`, type: 'function', function: { name: t.name, arguments: JSON.stringify(t.arguments) } }] });
          messages.push({ role: 'tool_call_result', toolCallId: `${c.id}-t${k}`, name: t.name, result: t.result ?? '{}', time: t0 + s * 1000, secondsFromStart: s++ });
        });
        return JSON.stringify({
          message: {
            type: 'end-of-call-report',
            endedReason: 'customer-ended-call',
            startedAt: new Date(t0).toISOString(),
            endedAt: new Date(t0 + 60_000).toISOString(),
            call: { id: c.callId !== undefined ? `${c.callId} vapi` : `vapi-${c.id}`, assistantId: c.agentId ?? 'asst-support', type: 'inboundPhoneCall', ...(c.metadata ? { metadata: c.metadata } : {}) },
            artifact: { messages },
          },
        });
      })
      .join('\n'),
  );

  add('hostile-retell.jsonl', 'retell', (c) => c.externalId === undefined, (cs) =>
    cs
      .map((c, i) => {
        const t0 = T0 + i * 600_000;
        const transcript: Record<string, unknown>[] = c.turns.map(([role, text]) => ({ role, content: text }));
        (c.tools ?? []).forEach((t, k) => {
          transcript.push({ role: 'tool_call_invocation', tool_call_id: `${c.id}-t${k}`, name: t.name, arguments: JSON.stringify(t.arguments) });
          transcript.push({ role: 'tool_call_result', tool_call_id: `${c.id}-t${k}`, content: t.result ?? '{}' });
        });
        return JSON.stringify({
          event: 'call_ended',
          call: {
            call_id: c.callId !== undefined ? `${c.callId} retell` : `retell-${c.id}`,
            agent_id: c.agentId ?? 'agent-support',
            start_timestamp: t0,
            end_timestamp: t0 + 60_000,
            disconnection_reason: 'user_hangup',
            transcript_with_tool_calls: transcript,
            ...(c.metadata ? { metadata: c.metadata } : {}),
          },
        });
      })
      .join('\n'),
  );

  add('hostile-uss.txt', 'uss', (c) => !hasIds(c) && !c.tools, (cs) =>
    cs.map((c) => [...c.turns.map(([role, text]) => `${role === 'agent' ? 'SYSTEM' : 'USER'}\t${text}\t\t${role === 'agent' ? '' : '3'}`), 'USER\tOVERALL\t\t3'].join('\n')).join('\n\n') + '\n',
  );

  // A Realtime session is named by its session id: the place a callId goes.
  add('hostile-realtime.jsonl', 'openai-realtime', (c) => c.agentId === undefined && c.externalId === undefined && c.metadata === undefined, (cs) =>
    cs
      .flatMap((c) => {
        let n = 0;
        const ev = (x: Record<string, unknown>) => JSON.stringify({ event_id: `${c.id}-ev${n++}`, ...x });
        const lines = [ev({ type: 'session.created', session: { id: c.callId !== undefined ? `${c.callId} realtime` : `sess-${c.id}`, instructions: 'You are the support assistant.' } })];
        c.turns.forEach(([role, text], k) => {
          lines.push(
            role === 'agent'
              ? ev({ type: 'response.output_audio_transcript.done', response_id: `${c.id}-r${k}`, item_id: `${c.id}-i${k}`, output_index: 0, content_index: 0, transcript: text })
              : ev({ type: 'conversation.item.input_audio_transcription.completed', item_id: `${c.id}-i${k}`, content_index: 0, transcript: text }),
          );
        });
        (c.tools ?? []).forEach((t, k) => {
          lines.push(ev({ type: 'response.function_call_arguments.done', response_id: `${c.id}-f${k}`, item_id: `${c.id}-fi${k}`, output_index: 0, call_id: `${c.id}-t${k}`, name: t.name, arguments: JSON.stringify(t.arguments) }));
          lines.push(ev({ type: 'conversation.item.done', item: { id: `${c.id}-fo${k}`, type: 'function_call_output', call_id: `${c.id}-t${k}`, output: t.result ?? '{}' } }));
        });
        return lines;
      })
      .join('\n'),
  );
  return files;
}

export { callIdOf };
