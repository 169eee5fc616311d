import { z } from 'zod';

/** Milliseconds since the Unix epoch. Accepts an ISO-8601 string at the edge and keeps a number inside. */
export const TimestampSchema = z
  .union([z.number().finite().nonnegative(), z.iso.datetime({ offset: true })])
  .transform((v) => (typeof v === 'number' ? v : Date.parse(v)));
export type Timestamp = z.output<typeof TimestampSchema>;

export const IdSchema = z.string().min(1).max(256);

/** Free-form labels a dataset attaches to a turn or a call (e.g. USS satisfaction ratings). */
export const AnnotationsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.number())]));
export type Annotations = z.infer<typeof AnnotationsSchema>;

export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
