import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming, MessageParam, TextBlockParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import type { z } from 'zod';
import type { Clock, Logger } from '../ports';
import { PrivacyViolationError } from '../privacy';
import type { ComplianceValidator } from '../privacy';
import type { LlmUsageRecord } from '../store';
import { DEFAULT_RETRY, withRetries } from './backoff';
import type { RetryPolicy } from './backoff';
import { effortForBudget, modelCapabilities } from './models';
import type { ModelCapabilities } from './models';
import { costUsd, priceFor } from './prices';
import type { ModelPrice, PriceTable, TokenUsage } from './prices';
import { answerJsonSchema, parseAnswer } from './structured';

/** One question with a typed answer. `system` is the stable prefix (cached); `user` the part that varies. */
export interface StructuredRequest<T> {
  /** Unique within a batch: letters, digits, `_` and `-`, at most 64 (the batch `custom_id`). */
  id: string;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  /** Names the answer tool on models that answer through one. */
  answerName: string;
  answerDescription: string;
}

/** A billed answer: the parsed value (or why it did not parse), the tokens and what they cost. */
export interface BilledAnswer<T> {
  id: string;
  messageId: string;
  value?: T;
  error?: Error;
  usage: TokenUsage;
  costUsd: number;
  batch: boolean;
}

/** Where billed answers go (the store's cost ledger). */
export interface UsageLedger {
  recordLlmUsage(records: readonly LlmUsageRecord[]): Promise<void>;
}

export interface LlmClientOptions {
  apiKey: string;
  /** Default: what the SDK reads (`ANTHROPIC_BASE_URL`, else the public API). */
  baseURL?: string;
  model: string;
  /** Extended-thinking budget (≥ 1,024); on adaptive-only models it picks the effort instead. */
  thinkingBudget: number;
  /** Tokens for the answer itself, on top of the thinking budget (`max_tokens` = budget + this). */
  answerTokens?: number;
  prices: PriceTable;
  /** How the price table is named in errors (`--prices p.json`, `the built-in price table`). */
  pricesSource: string;
  /** Every outgoing request is checked; one that still holds PII is refused before it is sent. */
  validator: ComplianceValidator;
  ledger?: UsageLedger;
  /** Written on every ledger row (`deep-analyze`, …). */
  purpose: string;
  clock: Clock;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** Between batch status polls. */
  batchPollMs?: number;
  /** Give up on a batch after this long (the API expires them after 24 h). */
  batchTimeoutMs?: number;
  /** Send single requests as SSE streams (default) or plain JSON. */
  stream?: boolean;
}

export class LlmConfigError extends Error {
  readonly reason = 'llm-config';
  constructor(message: string) {
    super(message);
    this.name = 'LlmConfigError';
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const CUSTOM_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The one way Kaizen talks to Claude: the real `@anthropic-ai/sdk` with the SDK's own retries off, so
 * backoff on 429/529 honours `retry-after` through an injected sleep; always thinking; the answer's
 * JSON Schema in the request and the answer parsed by zod; the stable prefix cached; every billed
 * answer priced and written to the ledger; nothing sent that the privacy validator flags.
 */
export class LlmClient {
  readonly model: string;
  readonly capabilities: ModelCapabilities;
  private readonly sdk: Anthropic;
  private readonly price: ModelPrice;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: LlmClientOptions) {
    if (!Number.isInteger(options.thinkingBudget) || options.thinkingBudget < 1024) {
      throw new LlmConfigError(`thinking budget ${options.thinkingBudget}: use a whole number ≥ 1024 (--thinking-budget, or the kaizen.claude.thinkingBudget setting)`);
    }
    this.model = options.model;
    this.capabilities = modelCapabilities(options.model);
    // Before any request: a price table without the model is an error, never an unpriced bill.
    this.price = priceFor(options.prices, options.model, options.pricesSource);
    this.retry = { sleep: realSleep, ...DEFAULT_RETRY, ...options.retry };
    this.sdk = new Anthropic({ apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}), maxRetries: 0 });
  }

  /** The request body exactly as sent (also what a batch carries), after the privacy check. */
  buildParams<T>(request: StructuredRequest<T>): MessageCreateParamsNonStreaming {
    const budget = this.options.thinkingBudget;
    const schema = answerJsonSchema(request.schema);
    const viaTool = this.capabilities.answer === 'tool';
    const system: TextBlockParam[] = [
      {
        type: 'text',
        text: viaTool ? `${request.system}\n\nGive your answer by calling the tool "${request.answerName}" once.` : request.system,
        // The prefix (tools, then system) is the same for every request of a run: cache it.
        cache_control: { type: 'ephemeral' },
      },
    ];
    const messages: MessageParam[] = [{ role: 'user', content: request.user }];
    this.assertNoPii(request.id, system, messages);
    const tools: Tool[] | undefined = viaTool ? [{ name: request.answerName, description: request.answerDescription, input_schema: schema as Tool['input_schema'] }] : undefined;
    const adaptive = this.capabilities.thinking === 'adaptive';
    const params: MessageCreateParamsNonStreaming = {
      model: this.model,
      max_tokens: budget + (this.options.answerTokens ?? 4096),
      thinking: adaptive ? { type: 'adaptive' } : { type: 'enabled', budget_tokens: budget },
      system,
      messages,
    };
    if (!viaTool || adaptive) {
      params.output_config = {
        ...(viaTool ? {} : { format: { type: 'json_schema', schema } }),
        ...(adaptive ? { effort: effortForBudget(budget) } : {}),
      };
    }
    if (tools) {
      params.tools = tools;
      // `any`/`tool` would force the call, which extended thinking does not allow.
      params.tool_choice = { type: 'auto' };
    }
    return params;
  }

  private assertNoPii(id: string, system: TextBlockParam[], messages: MessageParam[]): void {
    const report = this.options.validator.validate({ system: system.map((s) => s.text), messages: messages.map((m) => m.content) }, `request ${id}`);
    if (!report.ok) throw new PrivacyViolationError(report.findings);
  }

  private toolName<T>(request: StructuredRequest<T>): string | undefined {
    return this.capabilities.answer === 'tool' ? request.answerName : undefined;
  }

  private now = () => this.options.clock.now();

  private onRetry = (what: string) => (info: { attempt: number; delayMs: number; status?: number }) =>
    this.options.logger.warn(`claude: ${what} got ${info.status ?? 'no connection'}; retrying in ${Math.round(info.delayMs)} ms (attempt ${info.attempt + 1} of ${this.retry.maxAttempts})`);

  /** Asks every request one by one (validated first, all of them, so a PII refusal sends nothing). */
  async ask<T>(requests: readonly StructuredRequest<T>[]): Promise<BilledAnswer<T>[]> {
    const prepared = requests.map((r) => ({ request: r, params: this.buildParams(r) }));
    const out: BilledAnswer<T>[] = [];
    for (const { request, params } of prepared) {
      const message = await withRetries(
        async () => (this.options.stream === false ? this.sdk.messages.create(params) : this.sdk.messages.stream(params).finalMessage()),
        this.retry,
        this.now,
        this.onRetry(`request ${request.id}`),
      );
      out.push(await this.bill(request, message, false));
    }
    return out;
  }

  /**
   * Asks every request in one Message Batch (half price): create, poll until it ended, read the
   * results (JSONL). Requests the batch did not answer (errored, expired, canceled) come back with
   * `error` and no cost.
   */
  async askBatch<T>(requests: readonly StructuredRequest<T>[]): Promise<BilledAnswer<T>[]> {
    for (const r of requests) if (!CUSTOM_ID_RE.test(r.id)) throw new LlmConfigError(`batch request id "${r.id}": use 1–64 letters, digits, _ or -`);
    const prepared = requests.map((r) => ({ custom_id: r.id, params: this.buildParams(r) }));
    if (prepared.length === 0) return [];
    let batch = await withRetries(() => this.sdk.messages.batches.create({ requests: prepared }), this.retry, this.now, this.onRetry('batch create'));
    const deadline = this.now() + (this.options.batchTimeoutMs ?? 24 * 3_600_000);
    // Status first, then a wait between polls until the batch has ended.
    for (;;) {
      const id = batch.id;
      batch = await withRetries(() => this.sdk.messages.batches.retrieve(id), this.retry, this.now, this.onRetry(`batch ${id}`));
      if (batch.processing_status === 'ended') break;
      if (this.now() > deadline) throw new LlmConfigError(`batch ${batch.id} has not ended after ${this.options.batchTimeoutMs ?? 24 * 3_600_000} ms; it keeps running at Anthropic (nothing was billed here yet)`);
      await this.retry.sleep(this.options.batchPollMs ?? 10_000);
    }
    const byId = new Map(requests.map((r) => [r.id, r]));
    const out: BilledAnswer<T>[] = [];
    const results = await withRetries(() => this.sdk.messages.batches.results(batch.id), this.retry, this.now, this.onRetry(`batch ${batch.id} results`));
    for await (const item of results) {
      const request = byId.get(item.custom_id);
      if (!request) continue;
      if (item.result.type === 'succeeded') out.push(await this.bill(request, item.result.message, true));
      else {
        const detail = item.result.type === 'errored' ? `: ${JSON.stringify(item.result.error)}` : '';
        out.push({ id: request.id, messageId: '', error: new Error(`request ${request.id} ${item.result.type} in batch ${batch.id}${detail}`), usage: ZERO, costUsd: 0, batch: true });
      }
    }
    return out;
  }

  /** Prices the answer, writes it to the ledger (billed whether or not it parses), then parses it. */
  private async bill<T>(request: StructuredRequest<T>, message: Anthropic.Message, batch: boolean): Promise<BilledAnswer<T>> {
    const usage: TokenUsage = {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheCreationInputTokens: message.usage.cache_creation_input_tokens ?? 0,
      cacheReadInputTokens: message.usage.cache_read_input_tokens ?? 0,
    };
    const cost = costUsd(usage, this.price, batch);
    await this.options.ledger?.recordLlmUsage([
      { ts: this.now(), purpose: this.options.purpose, model: message.model || this.model, requestId: message.id, batch, ...usage, costUsd: cost },
    ]);
    const answer: BilledAnswer<T> = { id: request.id, messageId: message.id, usage, costUsd: cost, batch };
    try {
      answer.value = parseAnswer(message, request.schema, this.toolName(request), request.id);
    } catch (err) {
      answer.error = err as Error;
    }
    return answer;
  }
}

const ZERO: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
