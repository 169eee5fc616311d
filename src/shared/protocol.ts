import { z } from 'zod';

/**
 * The core of the host ↔ webview protocol: what every webview app says and hears. Each app has its
 * own protocol beside this one (patternExplorerProtocol.ts, experimentProtocol.ts): the core
 * messages plus its own, so neither app handles or stubs the other's. Both sides parse every message
 * with the app's schemas and drop what does not parse: a webview is an untrusted page, and a host
 * message from an older build must not crash a newer webview. Requests carry an `id`; the host
 * answers with a reply or `error` with the same id. Every conversation starts with the webview's
 * `ready` (the handshake): the host sends data only after it, so nothing posted before the page
 * listens is lost.
 */

export const WebviewAppSchema = z.enum(['patternExplorer', 'experiment', 'publishing', 'dashboard', 'promptDiff']);
export type WebviewApp = z.output<typeof WebviewAppSchema>;

export const RequestIdSchema = z.number().int().nonnegative();

/** Webview → host messages of every app. */
export const CORE_TO_HOST = [
  z.object({ type: z.literal('ready'), app: WebviewAppSchema }),
  z.object({ type: z.literal('refresh') }),
  z.object({ type: z.literal('openCall'), callId: z.string().min(1) }),
  /** First paint after data arrived, for the host's timing log (the e2e layer reads it). */
  z.object({ type: z.literal('rendered'), app: WebviewAppSchema, firstPaintMs: z.number().nonnegative(), rows: z.number().int().nonnegative() }),
] as const;

/** Host → webview messages of every app. */
export const CORE_TO_WEBVIEW = [
  z.object({ type: z.literal('error'), id: RequestIdSchema.optional(), message: z.string() }),
  z.object({ type: z.literal('busy'), busy: z.boolean(), message: z.string().optional() }),
] as const;

/** One app's protocol: its two message unions (core + its own). */
export interface WebviewProtocol<ToHost extends { type: string }, ToHostInput, ToWebview extends { type: string }, ToWebviewInput> {
  app: WebviewApp;
  toHost: z.ZodType<ToHost, ToHostInput>;
  toWebview: z.ZodType<ToWebview, ToWebviewInput>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWebviewProtocol = WebviewProtocol<{ type: string }, any, { type: string }, any>;
export type ToHostOf<P extends AnyWebviewProtocol> = z.output<P['toHost']>;
export type ToHostInputOf<P extends AnyWebviewProtocol> = z.input<P['toHost']>;
export type ToWebviewOf<P extends AnyWebviewProtocol> = z.output<P['toWebview']>;
export type ToWebviewInputOf<P extends AnyWebviewProtocol> = z.input<P['toWebview']>;

export type ParseResult<T> = { ok: true; message: T } | { ok: false; reason: string };

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

/** Parses with one of a protocol's schemas; the reason names the field. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const r = schema.safeParse(raw);
  return r.success ? { ok: true, message: r.data } : { ok: false, reason: describe(r.error) };
}

/** A handler map that must cover every message type: adding a type without a handler fails to compile. */
export type HandlerMap<M extends { type: string }> = { [K in M['type']]: (message: Extract<M, { type: K }>) => void | Promise<void> };

export function dispatch<M extends { type: string }>(handlers: HandlerMap<M>, message: M): void | Promise<void> {
  const handler = handlers[message.type as M['type']] as (m: M) => void | Promise<void>;
  return handler(message);
}
