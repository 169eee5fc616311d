import { z } from 'zod';
import { JsonValueSchema } from './common';

/**
 * What a voice platform reports about a call beyond its transcript: who ran it (model, voice, tools,
 * prompt/agent version), how it was placed (direction, type), what it cost, how fast it answered,
 * what the platform's own analysis concluded, where the recording and logs are. Analytics computes its
 * KPIs from exactly these fields, so they are typed, not an untyped bag; the platform's raw value is
 * kept beside every normalised number that had to be converted.
 */

const JsonRecordSchema = z.record(z.string(), JsonValueSchema);

/** An amount in US dollars, with the number the platform sent and its unit (Retell reports cents). */
export const MoneySchema = z.object({
  usd: z.number().finite(),
  raw: z.number().finite(),
  rawUnit: z.enum(['usd', 'cents']),
});
export type Money = z.infer<typeof MoneySchema>;

/** One line of a cost breakdown (Vapi `costs[]`, Retell `product_costs[]`). */
export const CostItemSchema = z.object({
  /** What the money paid for: `model`, `voice`, `transcriber`, `transport`, `vapi`, `analysis`, or a Retell product name. */
  kind: z.string(),
  amount: MoneySchema,
  /** The provider/model the line names, when it does. */
  provider: z.string().optional(),
  model: z.string().optional(),
  /** Units billed (minutes, characters, tokens) when the platform gives them. */
  minutes: z.number().optional(),
  characters: z.number().optional(),
  promptTokens: z.number().optional(),
  completionTokens: z.number().optional(),
});
export type CostItem = z.infer<typeof CostItemSchema>;

export const CallCostSchema = z.object({
  total: MoneySchema,
  items: z.array(CostItemSchema).optional(),
  /** Vapi `costBreakdown` (`llm`, `stt`, `tts`, `vapi`, `total`…), in USD. */
  breakdownUsd: z.record(z.string(), z.number()).optional(),
  /** Retell `call_cost.total_duration_seconds`: the billed duration. */
  billedDurationSec: z.number().optional(),
});
export type CallCost = z.infer<typeof CallCostSchema>;

/** A latency distribution in milliseconds (Retell `latency.e2e|llm|tts|s2s|asr…`). */
export const LatencyStatsSchema = z.object({
  p50: z.number().optional(),
  p90: z.number().optional(),
  p95: z.number().optional(),
  p99: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Samples the platform measured. */
  num: z.number().optional(),
  /** Every sample, in call order, when the platform lists them. */
  values: z.array(z.number()).optional(),
});
export type LatencyStats = z.infer<typeof LatencyStatsSchema>;

/** Call-level latency: distributions per pipeline stage, and the platform's own averages. */
export const CallLatencySchema = z.object({
  /** End to end: caller stops speaking → agent starts (Retell `e2e`, Vapi turn latencies). */
  e2e: LatencyStatsSchema.optional(),
  llm: LatencyStatsSchema.optional(),
  tts: LatencyStatsSchema.optional(),
  asr: LatencyStatsSchema.optional(),
  /** Speech-to-speech models (Retell `s2s`). */
  s2s: LatencyStatsSchema.optional(),
  /** Any other stage the platform reports (Retell `knowledge_base`, `llm_websocket_network_rtt`…). */
  other: z.record(z.string(), LatencyStatsSchema).optional(),
  /** Vapi `performanceMetrics.*Average` (ms). */
  averagesMs: z.record(z.string(), z.number()).optional(),
});
export type CallLatency = z.infer<typeof CallLatencySchema>;

/** Latency of the agent's reply in one turn, milliseconds (Vapi `turnLatencies[]`, Retell `e2e.values[i]`). */
export const TurnLatencySchema = z.object({
  /** The whole turn: caller done → agent audio starts. */
  turnMs: z.number().nonnegative().optional(),
  modelMs: z.number().nonnegative().optional(),
  voiceMs: z.number().nonnegative().optional(),
  transcriberMs: z.number().nonnegative().optional(),
  endpointingMs: z.number().nonnegative().optional(),
});
export type TurnLatency = z.infer<typeof TurnLatencySchema>;

/** LLM token usage of the call (OpenAI Realtime `response.done` usage summed; Retell `llm_token_usage`). */
export const TokenUsageSchema = z.object({
  inputTokens: z.number().nonnegative().optional(),
  outputTokens: z.number().nonnegative().optional(),
  totalTokens: z.number().nonnegative().optional(),
  inputTextTokens: z.number().nonnegative().optional(),
  inputAudioTokens: z.number().nonnegative().optional(),
  cachedTokens: z.number().nonnegative().optional(),
  outputTextTokens: z.number().nonnegative().optional(),
  outputAudioTokens: z.number().nonnegative().optional(),
  /** Model requests (Realtime responses, Retell `num_requests`). */
  requests: z.number().nonnegative().optional(),
  /** Retell: average tokens per request, and each request's tokens. */
  averagePerRequest: z.number().nonnegative().optional(),
  perRequest: z.array(z.number()).optional(),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** The platform's own post-call analysis. Free text here passes through the redactor like a transcript. */
export const PlatformAnalysisSchema = z.object({
  summary: z.string().optional(),
  /** Vapi `structuredData` / Retell `custom_analysis_data`: the user's own extraction schema. */
  structuredData: JsonRecordSchema.optional(),
  /** Vapi `successEvaluation` as sent (a boolean, "true", a score or a rubric grade). */
  successEvaluation: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** Retell `call_successful`. */
  successful: z.boolean().optional(),
  userSentiment: z.string().optional(),
  inVoicemail: z.boolean().optional(),
});
export type PlatformAnalysis = z.infer<typeof PlatformAnalysisSchema>;

/** A transfer of the call (Retell `transfer_*` / `call_transfer`, Vapi `artifact.transfers[]`). */
export const TransferSchema = z.object({
  /** `started | bridged | cancelled | ended`, or the platform's wording. */
  status: z.string().optional(),
  /** Where the call went: a number (redacted) or a named destination. */
  destination: z.string().optional(),
  /** warm / cold / the platform's transfer mode. */
  mode: z.string().optional(),
  /** Epoch ms, when known. */
  at: z.number().optional(),
});
export type Transfer = z.infer<typeof TransferSchema>;

/** Where the call's recording and logs are kept by the platform. */
export const CallUrlsSchema = z.object({
  recording: z.string().optional(),
  stereoRecording: z.string().optional(),
  scrubbedRecording: z.string().optional(),
  log: z.string().optional(),
  pcap: z.string().optional(),
});
export type CallUrls = z.infer<typeof CallUrlsSchema>;

/**
 * Who ran the call and how it was placed. Lives on `call.started` (`platform`); everything is
 * optional because each platform reports a different subset.
 */
export const CallPlatformSchema = z.object({
  /** `inbound | outbound | web`; Retell `direction`, Vapi `call.type`. */
  direction: z.enum(['inbound', 'outbound', 'web']).optional(),
  /** The platform's own call type as sent (`inboundPhoneCall`, `phone_call`, `web_call`…). */
  callType: z.string().optional(),
  agentName: z.string().optional(),
  /** Retell `agent_tag` (e.g. `prod`). */
  agentTag: z.string().optional(),
  /** The prompt version the call ran: Retell `agent_version`, Vapi `assistantVersion`, Realtime `session.prompt.version`. */
  promptVersion: z.string().optional(),
  model: z.object({ provider: z.string().optional(), name: z.string().optional() }).optional(),
  voice: z.object({ provider: z.string().optional(), voiceId: z.string().optional() }).optional(),
  /** Names of the tools the agent could call. */
  tools: z.array(z.string()).optional(),
  urls: CallUrlsSchema.optional(),
  /** The user's own call metadata. */
  metadata: JsonRecordSchema.optional(),
  /** Variables filled into the prompt (Retell `retell_llm_dynamic_variables`, Vapi `variableValues`). */
  dynamicVariables: JsonRecordSchema.optional(),
  /** Variables the agent collected during the call (Retell `collected_dynamic_variables`). */
  collectedVariables: JsonRecordSchema.optional(),
});
export type CallPlatform = z.infer<typeof CallPlatformSchema>;

/** What the call cost and measured. Lives on `call.ended` (`metrics`). */
export const CallMetricsSchema = z.object({
  cost: CallCostSchema.optional(),
  latency: CallLatencySchema.optional(),
  tokens: TokenUsageSchema.optional(),
  analysis: PlatformAnalysisSchema.optional(),
  transfers: z.array(TransferSchema).optional(),
});
export type CallMetrics = z.infer<typeof CallMetricsSchema>;

/**
 * Merges blocks field by field, later over earlier, recursing into plain objects: a `call_ended`
 * webhook and the `call_analyzed` one of the same call each add what they know, in any import order.
 * Arrays are replaced, not concatenated (a later report repeats the whole list).
 */
export function mergeBlocks<T extends object>(blocks: readonly (T | undefined)[]): T | undefined {
  let out: Record<string, unknown> | undefined;
  for (const b of blocks) {
    if (b === undefined) continue;
    out = mergeObject(out ?? {}, b as Record<string, unknown>);
  }
  return out as T | undefined;
}

function mergeObject(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] = isPlain(prev) && isPlain(v) ? mergeObject(prev, v) : v;
  }
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
