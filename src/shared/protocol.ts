import { z } from 'zod';
import { ExperimentViewSchema, PatternEvidenceSchema, PatternExplorerDataSchema } from './viewModels';
import { HostToPublishingMessages, PublishingToHostMessages } from './publishingProtocol';

/**
 * The one host ↔ webview protocol. Both sides parse every message with these schemas and drop what
 * does not parse: a webview is an untrusted page, and a host message from an older build must not
 * crash a newer webview. Requests carry an `id`; the host answers with `response` or `error` with
 * the same id. Every conversation starts with the webview's `ready` (the handshake): the host sends
 * data only after it, so nothing posted before the page listens is lost.
 */

export const WebviewAppSchema = z.enum(['patternExplorer', 'experiment', 'publishing']);
export type WebviewApp = z.output<typeof WebviewAppSchema>;

const RequestId = z.number().int().nonnegative();

export const WebviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), app: WebviewAppSchema }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('getEvidence'), id: RequestId, patternId: z.string().min(1), limit: z.number().int().positive().max(50).default(5) }),
  z.object({ type: z.literal('openCall'), callId: z.string().min(1) }),
  z.object({ type: z.literal('selectExperiment'), experimentId: z.string().min(1) }),
  /** The webview reports its first paint, so the host can log it (and tests can read it). */
  z.object({ type: z.literal('rendered'), app: WebviewAppSchema, firstPaintMs: z.number().nonnegative(), rows: z.number().int().nonnegative() }),
  ...PublishingToHostMessages,
]);
export type WebviewToHost = z.output<typeof WebviewToHostSchema>;
export type WebviewToHostInput = z.input<typeof WebviewToHostSchema>;

export const HostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('patterns'), data: PatternExplorerDataSchema }),
  z.object({ type: z.literal('experiment'), data: ExperimentViewSchema.nullable(), experiments: z.array(z.object({ id: z.string(), name: z.string() })).default([]) }),
  z.object({ type: z.literal('evidence'), id: RequestId, data: PatternEvidenceSchema }),
  z.object({ type: z.literal('error'), id: RequestId.optional(), message: z.string() }),
  z.object({ type: z.literal('busy'), busy: z.boolean(), message: z.string().optional() }),
  ...HostToPublishingMessages,
]);
export type HostToWebview = z.output<typeof HostToWebviewSchema>;
export type HostToWebviewInput = z.input<typeof HostToWebviewSchema>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

export function parseWebviewMessage(raw: unknown): ParseResult<WebviewToHost> {
  const r = WebviewToHostSchema.safeParse(raw);
  return r.success ? { ok: true, message: r.data } : { ok: false, reason: describe(r.error) };
}

export function parseHostMessage(raw: unknown): ParseResult<HostToWebview> {
  const r = HostToWebviewSchema.safeParse(raw);
  return r.success ? { ok: true, message: r.data } : { ok: false, reason: describe(r.error) };
}

/** A handler map that must cover every message type: adding a type without a handler fails to compile. */
export type HandlerMap<M extends { type: string }> = { [K in M['type']]: (message: Extract<M, { type: K }>) => void | Promise<void> };

export function dispatch<M extends { type: string }>(handlers: HandlerMap<M>, message: M): void | Promise<void> {
  const handler = handlers[message.type as M['type']] as (m: M) => void | Promise<void>;
  return handler(message);
}

/** Messages only the Publishing webview sends or receives; other apps' handler maps may leave them out. */
export type PublishingOnlyToHost = (typeof PublishingToHostMessages)[number]['shape']['type']['value'];
export type PublishingOnlyToWebview = (typeof HostToPublishingMessages)[number]['shape']['type']['value'];

/** A handler map that must cover every message type except `Optional` ones (another app's messages). */
export type AppHandlerMap<M extends { type: string }, Optional extends M['type']> = Omit<HandlerMap<M>, Optional> & Partial<Pick<HandlerMap<M>, Optional>>;

/** Like `dispatch`, but a message without a handler (another app's) is ignored and reported as `false`. */
export function dispatchIfHandled<M extends { type: string }>(handlers: Partial<HandlerMap<M>>, message: M): boolean | Promise<void> {
  const handler = handlers[message.type as M['type']] as ((m: M) => void | Promise<void>) | undefined;
  if (!handler) return false;
  return Promise.resolve(handler(message));
}
