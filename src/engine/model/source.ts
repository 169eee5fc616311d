import { z } from 'zod';

export const IngestFormatSchema = z.enum([
  'kaizen-jsonl',
  'openai-messages',
  'uss',
  'vapi',
  'retell',
  'openai-realtime',
]);
export type IngestFormat = z.infer<typeof IngestFormatSchema>;

/** Where a call came from: the file, the record's position in it (from 0) and the source's own id. */
export const CallSourceSchema = z.object({
  file: z.string(),
  index: z.number().int().nonnegative(),
  format: IngestFormatSchema,
  /** The platform's own id: Vapi `call.id`, Retell `call_id`, τ-bench `task_id`. */
  externalId: z.string().optional(),
  /** τ-bench runs each task several times. */
  trial: z.number().int().nonnegative().optional(),
});
export type CallSource = z.infer<typeof CallSourceSchema>;
