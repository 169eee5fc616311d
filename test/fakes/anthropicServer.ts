// A loopback server that speaks the parts of Anthropic's Messages API Kaizen uses, for the real
// `@anthropic-ai/sdk` to talk to: POST /v1/messages (JSON, or SSE when `stream: true`, with a
// thinking block streamed as thinking_delta + signature_delta), Message Batches (create, retrieve,
// results as JSONL), and 429 / 529 with `retry-after` on demand. It checks every request the way
// the API would refuse it, plus Kaizen's own rules, and answers 400 naming the problem (also kept in
// `violations`, so a wrong request fails the test): thinking present with budget_tokens ≥ 1024 and
// below max_tokens (adaptive-only models refuse the budget form), the answer's JSON Schema present
// (output_config.format, or a tool's input_schema on models without structured outputs), no forced
// tool_choice with thinking, cache_control on the last system block, and no PII in what was sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createComplianceValidator } from '../../src/engine/privacy';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface MessageParamsSeen {
  model: string;
  max_tokens: number;
  thinking?: { type: string; budget_tokens?: number };
  output_config?: { format?: { type: string; schema?: Record<string, unknown> }; effort?: string };
  tools?: Array<{ name: string; input_schema?: Record<string, unknown> }>;
  tool_choice?: { type: string };
  system?: Array<{ type: string; text: string; cache_control?: { type: string } }>;
  messages: Array<{ role: string; content: unknown }>;
  stream?: boolean;
}

export interface FakeAnthropicOptions {
  apiKey?: string;
  /** The answer the "model" gives to a request (default: a summary, one hypothesis, `citedCalls` with the first call label shown and an invented one). */
  answer?: (params: MessageParamsSeen) => unknown;
  /** Retrieves of a batch before it reports `ended` (default 2). */
  batchPollsBeforeEnd?: number;
  /** Text that must never arrive (raw PII the test planted before redaction). */
  forbidden?: readonly string[];
}

/** Models that refuse `thinking.type: enabled` / have no structured outputs (as the API does). */
const ADAPTIVE_ONLY = /^claude-(?:opus-4-[78]|(?:opus|sonnet|haiku|fable|mythos)-5)/;
const NO_STRUCTURED_OUTPUTS = /^claude-(?:opus-4(?:-1)?|sonnet-4|3-7-sonnet|fable-5)(?:-\d{8})?$/;

const residual = createComplianceValidator({ mode: 'residual' });

function defaultAnswer(params: MessageParamsSeen): unknown {
  const text = params.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
  const shown = /--- call ([^\s\\]+)/.exec(text)?.[1];
  return { summary: 'The agent moves on before the caller agrees.', hypotheses: ['Ask for confirmation before the tool call.'], citedCalls: [...(shown ? [shown] : []), 'invented-call-999'] };
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

/** A failure to serve instead of the next answer: an HTTP 429/529 (with `retry-after`), or an overload inside an opened SSE stream. */
export interface Failure {
  status: 429 | 529;
  retryAfter?: string;
  midStream?: boolean;
}

export class FakeAnthropicServer {
  readonly received: ReceivedRequest[] = [];
  readonly violations: string[] = [];
  /** Answered messages (single or in a batch), with the params they answered. */
  readonly answered: MessageParamsSeen[] = [];
  private server: http.Server | undefined;
  private failures: Failure[] = [];
  private batches = new Map<string, { requests: Array<{ custom_id: string; params: MessageParamsSeen }>; polls: number; created: string }>();
  private cachedPrefixes = new Set<string>();
  private seq = 0;
  url = '';

  constructor(private readonly options: FakeAnthropicOptions = {}) {}

  /** The next requests (messages or batch create/retrieve) fail with these statuses, in order. */
  failNext(...failures: Failure[]): void {
    this.failures.push(...failures);
  }

  messageRequests(): ReceivedRequest[] {
    return this.received.filter((r) => r.path === '/v1/messages');
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (text += d));
      req.on('end', () => this.handle(req, res, text));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private error(res: http.ServerResponse, status: number, type: string, message: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++this.seq}`, ...headers }).end(JSON.stringify({ type: 'error', error: { type, message } }));
  }

  private json(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': `req_${++this.seq}` }).end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, text: string): void {
    const url = new URL(req.url ?? '/', this.url);
    let body: Record<string, unknown> = {};
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return this.error(res, 400, 'invalid_request_error', 'body is not JSON');
      }
    }
    this.received.push({ path: url.pathname, headers: req.headers, body });
    // The SDK sends the key as `x-api-key` or as a bearer token, depending on its version.
    const key = req.headers['x-api-key'] ?? /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (this.options.apiKey !== undefined && key !== this.options.apiKey) {
      return this.error(res, 401, 'authentication_error', 'invalid API key');
    }
    const failure = this.failures.shift();
    if (failure?.midStream) {
      // The stream opens (200) and then breaks with an `error` event, as the API does when it overloads mid-answer.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': `req_${++this.seq}` });
      res.write(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: `msg_${++this.seq}`, type: 'message', role: 'assistant', model: 'x', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } })}\n\n`);
      res.end(`event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`);
      return;
    }
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': failure.retryAfter } : {};
      return this.error(res, failure.status, failure.status === 429 ? 'rate_limit_error' : 'overloaded_error', failure.status === 429 ? 'Rate limited' : 'Overloaded', headers);
    }
    if (req.method === 'POST' && url.pathname === '/v1/messages') return this.message(res, body as unknown as MessageParamsSeen);
    if (req.method === 'POST' && url.pathname === '/v1/messages/batches') return this.createBatch(res, body);
    const results = /^\/v1\/messages\/batches\/([^/]+)\/results$/.exec(url.pathname);
    if (req.method === 'GET' && results) return this.batchResults(res, results[1]!);
    const one = /^\/v1\/messages\/batches\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && one) return this.retrieveBatch(res, one[1]!);
    return this.error(res, 404, 'not_found_error', `${req.method} ${url.pathname}`);
  }

  /** Why the API (or Kaizen's rules) would refuse these params; empty when they are fine. */
  check(p: MessageParamsSeen): string[] {
    const out: string[] = [];
    if (typeof p.model !== 'string' || !p.model) out.push('model: required');
    if (!Number.isInteger(p.max_tokens) || p.max_tokens < 1) out.push('max_tokens: a positive integer is required');
    if (!p.thinking) out.push('thinking: missing (Kaizen always thinks)');
    else if (p.thinking.type === 'enabled') {
      if (ADAPTIVE_ONLY.test(p.model)) out.push(`thinking.type.enabled is not supported for ${p.model}; use thinking.type.adaptive`);
      const b = p.thinking.budget_tokens;
      if (!Number.isInteger(b) || b! < 1024) out.push('thinking.budget_tokens: must be ≥ 1024');
      else if (b! >= p.max_tokens) out.push(`thinking.budget_tokens (${b}) must be less than max_tokens (${p.max_tokens})`);
    } else if (p.thinking.type !== 'adaptive') out.push(`thinking.type: "${p.thinking.type}" is not thinking`);
    const format = p.output_config?.format;
    if (format) {
      if (NO_STRUCTURED_OUTPUTS.test(p.model)) out.push(`output_config.format: structured outputs are not supported on ${p.model}`);
      if (format.type !== 'json_schema' || typeof format.schema !== 'object') out.push('output_config.format: a json_schema with a schema object is required');
      else if (format.schema.additionalProperties !== false) out.push('output_config.format.schema: objects need additionalProperties: false');
    } else if (!p.tools?.some((t) => t.input_schema && typeof t.input_schema === 'object')) {
      out.push("the answer's JSON Schema is missing (neither output_config.format nor a tool input_schema)");
    }
    if (p.tool_choice && (p.tool_choice.type === 'any' || p.tool_choice.type === 'tool') && p.thinking) {
      out.push('tool_choice: forcing tool use is not allowed with extended thinking');
    }
    const system = p.system ?? [];
    if (!Array.isArray(system) || system.length === 0) out.push('system: the stable prefix is missing');
    else if (system[system.length - 1]?.cache_control?.type !== 'ephemeral') out.push('system: the last block must carry cache_control {type: ephemeral}');
    const sent = { system: system.map((s) => s.text), messages: p.messages?.map((m) => m.content) };
    const pii = residual.validate(sent, 'request');
    if (!pii.ok) out.push(`PII sent: ${pii.findings.map((f) => `${f.field} (${f.entityType})`).join(', ')}`);
    const raw = JSON.stringify(sent);
    for (const f of this.options.forbidden ?? []) if (raw.includes(f)) out.push(`PII sent: planted text ${JSON.stringify(f)}`);
    return out;
  }

  /** The answered message: a thinking block, then the answer (a JSON text block, or the tool call). */
  private reply(p: MessageParamsSeen, batch: boolean) {
    this.answered.push(p);
    const value = (this.options.answer ?? defaultAnswer)(p);
    const viaTool = !p.output_config?.format;
    const prefix = JSON.stringify([p.tools ?? null, p.system]);
    const prefixTokens = tokens(prefix);
    const cached = this.cachedPrefixes.has(prefix);
    this.cachedPrefixes.add(prefix);
    const thinking = 'Comparing the calls: the failing ones skip a confirmation step.';
    const answerText = JSON.stringify(value);
    const id = `msg_${++this.seq}`;
    const content = [
      { type: 'thinking', thinking, signature: `sig_${id}` },
      viaTool ? { type: 'tool_use', id: `toolu_${id}`, name: p.tools![0]!.name, input: value } : { type: 'text', text: answerText },
    ];
    const usage = {
      input_tokens: tokens(JSON.stringify(p.messages)),
      output_tokens: tokens(thinking) + tokens(answerText),
      cache_creation_input_tokens: cached ? 0 : prefixTokens,
      cache_read_input_tokens: cached ? prefixTokens : 0,
      service_tier: batch ? 'batch' : 'standard',
    };
    return { id, type: 'message', role: 'assistant', model: p.model, content, stop_reason: viaTool ? 'tool_use' : 'end_turn', stop_sequence: null, usage };
  }

  private message(res: http.ServerResponse, p: MessageParamsSeen): void {
    const problems = this.check(p);
    if (problems.length) {
      this.violations.push(...problems);
      return this.error(res, 400, 'invalid_request_error', problems.join('; '));
    }
    const message = this.reply(p, false);
    if (!p.stream) return this.json(res, message);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_${++this.seq}` });
    const send = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
    const { usage } = message;
    send('message_start', { message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } });
    send('ping', {});
    message.content.forEach((block, index) => {
      if (block.type === 'thinking') {
        send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
        const t = (block as { thinking: string }).thinking;
        for (const part of [t.slice(0, 20), t.slice(20)]) send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: part } });
        send('content_block_delta', { index, delta: { type: 'signature_delta', signature: (block as { signature: string }).signature } });
      } else if (block.type === 'text') {
        send('content_block_start', { index, content_block: { type: 'text', text: '' } });
        const t = (block as { text: string }).text;
        for (let i = 0; i < t.length; i += 40) send('content_block_delta', { index, delta: { type: 'text_delta', text: t.slice(i, i + 40) } });
      } else {
        const b = block as { id: string; name: string; input: unknown };
        send('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
        const j = JSON.stringify(b.input);
        for (let i = 0; i < j.length; i += 40) send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: j.slice(i, i + 40) } });
      }
      send('content_block_stop', { index });
    });
    send('message_delta', { delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage });
    send('message_stop', {});
    res.end();
  }

  private batchObject(id: string, ended: boolean) {
    const b = this.batches.get(id)!;
    const n = b.requests.length;
    return {
      id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : 'in_progress',
      request_counts: { processing: ended ? 0 : n, succeeded: ended ? n : 0, errored: 0, canceled: 0, expired: 0 },
      created_at: b.created,
      ended_at: ended ? b.created : null,
      expires_at: b.created,
      archived_at: null,
      cancel_initiated_at: null,
      results_url: ended ? `${this.url}/v1/messages/batches/${id}/results` : null,
    };
  }

  private createBatch(res: http.ServerResponse, body: Record<string, unknown>): void {
    const requests = body.requests as Array<{ custom_id: string; params: MessageParamsSeen }> | undefined;
    if (!Array.isArray(requests) || requests.length === 0) return this.error(res, 400, 'invalid_request_error', 'requests: a non-empty array is required');
    const problems: string[] = [];
    for (const r of requests) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(r.custom_id)) problems.push(`custom_id "${r.custom_id}" is invalid`);
      if (r.params.stream) problems.push(`${r.custom_id}: params.stream is not allowed in a batch`);
      problems.push(...this.check(r.params).map((p) => `${r.custom_id}: ${p}`));
    }
    if (problems.length) {
      this.violations.push(...problems);
      return this.error(res, 400, 'invalid_request_error', problems.join('; '));
    }
    const id = `msgbatch_${++this.seq}`;
    this.batches.set(id, { requests, polls: 0, created: new Date(0).toISOString() });
    this.json(res, this.batchObject(id, false));
  }

  private retrieveBatch(res: http.ServerResponse, id: string): void {
    const b = this.batches.get(id);
    if (!b) return this.error(res, 404, 'not_found_error', `no batch ${id}`);
    b.polls++;
    this.json(res, this.batchObject(id, b.polls > (this.options.batchPollsBeforeEnd ?? 2)));
  }

  private batchResults(res: http.ServerResponse, id: string): void {
    const b = this.batches.get(id);
    if (!b) return this.error(res, 404, 'not_found_error', `no batch ${id}`);
    const lines = b.requests.map((r) => JSON.stringify({ custom_id: r.custom_id, result: { type: 'succeeded', message: this.reply(r.params, true) } }));
    res.writeHead(200, { 'content-type': 'application/binary' }).end(`${lines.join('\n')}\n`);
  }
}
