import type { z } from 'zod';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { Message } from '@anthropic-ai/sdk/resources/messages';

/**
 * The answer's JSON Schema, from its zod schema (`z.toJSONSchema`, through the SDK's helper that
 * makes it strict: every object closed, constraints the decoder cannot enforce moved into
 * descriptions and checked again by zod on the way back).
 */
export function answerJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return zodOutputFormat(schema).schema;
}

/** The model's answer did not match the schema (or there was none): names the field and what was expected. */
export class LlmAnswerError extends Error {
  readonly reason = 'answer-mismatch';
  constructor(
    message: string,
    readonly requestId: string,
  ) {
    super(message);
    this.name = 'LlmAnswerError';
  }
}

/** The raw answer: the JSON text block (structured outputs) or the tool call's input (tool mode). */
function rawAnswer(message: Message, toolName: string | undefined, id: string): unknown {
  if (message.stop_reason === 'max_tokens') {
    throw new LlmAnswerError(`request ${id}: the answer was cut off at max_tokens; raise the answer allowance or lower --thinking-budget`, id);
  }
  if (message.stop_reason === 'refusal') throw new LlmAnswerError(`request ${id}: the model declined to answer (stop_reason "refusal")`, id);
  if (toolName !== undefined) {
    const call = message.content.find((b) => b.type === 'tool_use' && b.name === toolName);
    if (!call || call.type !== 'tool_use') throw new LlmAnswerError(`request ${id}: the model did not call the answer tool "${toolName}"`, id);
    return call.input;
  }
  const text = message.content
    .filter((b) => b.type === 'text')
    .map((b) => (b.type === 'text' ? b.text : ''))
    .join('');
  if (!text.trim()) throw new LlmAnswerError(`request ${id}: the answer has no text block`, id);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new LlmAnswerError(`request ${id}: the answer is not JSON (${(err as Error).message})`, id);
  }
}

/** The model's answer, parsed by zod; a mismatch names each field (`answer.hypotheses[0]: expected string`). */
export function parseAnswer<T>(message: Message, schema: z.ZodType<T>, toolName: string | undefined, id: string): T {
  const parsed = schema.safeParse(rawAnswer(message, toolName, id));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `answer${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`)
    .join('; ');
  throw new LlmAnswerError(`request ${id}: the answer does not match its schema: ${issues}`, id);
}
