import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { DEFAULT_PRICES, LlmAnswerError, LlmClient, UnknownModelError, costUsd, modelCapabilities, parsePriceTable, priceFor } from '../../../src/engine/llm';
import type { LlmClientOptions, StructuredRequest } from '../../../src/engine/llm';
import { PrivacyViolationError, createComplianceValidator } from '../../../src/engine/privacy';
import { openSqlStore } from '../../../src/engine/store';
import type { LearningStore } from '../../../src/engine/store';
import { silentLogger } from '../../../src/engine/ports';
import { FakeAnthropicServer } from '../../fakes/anthropicServer';
import { manualClock, testPorts } from '../store/builders';

const KEY = 'sk-ant-test-key';
const Answer = z.object({ summary: z.string().min(1), hypotheses: z.array(z.string()).min(1), citedCalls: z.array(z.string()) });

function request(id: string, user = `--- call c-${id}\nuser: my parcel is late\nagent: I am sorry, let me check.`): StructuredRequest<z.output<typeof Answer>> {
  return { id, system: 'You review customer-service calls. Answer in JSON.', user, schema: Answer, answerName: 'record_finding', answerDescription: 'Record the finding.' };
}

describe('llm: the Claude client, the real SDK against a loopback Messages API', function () {
  this.timeout(60_000);
  let server: FakeAnthropicServer;
  let store: LearningStore;
  let sleeps: number[];
  const clock = manualClock(Date.UTC(2026, 11, 1));

  function client(over: Partial<LlmClientOptions> = {}): LlmClient {
    return new LlmClient({
      apiKey: KEY,
      baseURL: server.url,
      model: 'claude-sonnet-4-6',
      thinkingBudget: 2048,
      prices: DEFAULT_PRICES,
      pricesSource: 'the built-in price table',
      validator: createComplianceValidator({ mode: 'residual' }),
      ledger: store,
      purpose: 'test',
      clock,
      logger: silentLogger,
      retry: { sleep: async (ms) => void sleeps.push(ms) },
      batchPollMs: 5_000,
      ...over,
    });
  }

  beforeEach(async () => {
    server = await new FakeAnthropicServer({ apiKey: KEY }).start();
    store = await openSqlStore({ ports: testPorts(clock) });
    sleeps = [];
  });
  afterEach(async () => {
    await server.close();
    await store.close();
  });

  it('streams (SSE, thinking block with signature) with budget thinking below max_tokens, the schema in output_config, the prefix cached; parses and prices the answer', async () => {
    const c = client();
    const [first, second] = await c.ask([request('a1'), request('a2')]);
    assert.deepEqual(server.violations, []);
    const sent = server.messageRequests().map((r) => r.body);
    assert.equal(sent.length, 2);
    for (const body of sent) {
      assert.equal(body.stream, true);
      assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 2048 });
      assert.ok((body.max_tokens as number) > 2048);
      const format = (body.output_config as { format: { type: string; schema: { required: string[] } } }).format;
      assert.equal(format.type, 'json_schema');
      assert.deepEqual([...format.schema.required].sort(), ['citedCalls', 'hypotheses', 'summary']);
      assert.deepEqual((body.system as Array<{ cache_control: unknown }>).at(-1)!.cache_control, { type: 'ephemeral' });
      assert.equal(body.tools, undefined);
    }
    assert.equal(first!.value!.citedCalls[0], 'c-a1');
    assert.ok(first!.usage.cacheCreationInputTokens > 0 && first!.usage.cacheReadInputTokens === 0, 'the first request writes the cache');
    assert.ok(second!.usage.cacheReadInputTokens > 0 && second!.usage.cacheCreationInputTokens === 0, 'the second reads it');
    const p = DEFAULT_PRICES['claude-sonnet-4-6']!;
    const u = second!.usage;
    assert.equal(second!.costUsd, (u.inputTokens * p.input + u.outputTokens * p.output + u.cacheReadInputTokens * p.cacheRead) / 1e6);
    const spend = await store.llmSpend();
    assert.equal(spend.requests, 2);
    assert.equal(spend.inputTokens, first!.usage.inputTokens + u.inputTokens);
    assert.ok(Math.abs(spend.costUsd - (first!.costUsd + second!.costUsd)) < 1e-12);
    assert.deepEqual(Object.keys(spend.byModel), ['claude-sonnet-4-6']);
  });

  it('answers through a tool (input_schema, tool_choice auto, never forced) on a model without structured outputs, as plain JSON', async () => {
    const [a] = await client({ model: 'claude-opus-4-1', stream: false }).ask([request('t1')]);
    assert.deepEqual(server.violations, []);
    const body = server.messageRequests()[0]!.body;
    assert.equal(body.stream, undefined);
    assert.equal(body.output_config, undefined);
    assert.deepEqual(body.tool_choice, { type: 'auto' });
    const tool = (body.tools as Array<{ name: string; input_schema: { type: string } }>)[0]!;
    assert.equal(tool.name, 'record_finding');
    assert.equal(tool.input_schema.type, 'object');
    assert.equal(a!.value!.summary, 'The agent moves on before the caller agrees.');
  });

  it('thinks adaptively (effort from the budget) on a model that only takes adaptive thinking', async () => {
    const prices = { 'claude-opus-4-7': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 } };
    await client({ model: 'claude-opus-4-7', thinkingBudget: 16_000, prices }).ask([request('d1')]);
    assert.deepEqual(server.violations, []);
    const body = server.messageRequests()[0]!.body;
    assert.deepEqual(body.thinking, { type: 'adaptive' });
    assert.equal((body.output_config as { effort: string }).effort, 'high');
  });

  it('the fake refuses a wrong request, so a client bug would fail these tests', async () => {
    const sdk = new Anthropic({ apiKey: KEY, baseURL: server.url, maxRetries: 0 });
    await assert.rejects(
      sdk.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 2048 }, messages: [{ role: 'user', content: 'hi' }] }),
      (err: Error) => err instanceof Anthropic.APIError && err.status === 400,
    );
    assert.ok(server.violations.some((v) => /budget_tokens \(2048\) must be less than max_tokens/.test(v)), server.violations.join('\n'));
    assert.ok(server.violations.some((v) => /JSON Schema is missing/.test(v)));
    assert.ok(server.violations.some((v) => /system: the stable prefix is missing/.test(v)));
    await assert.rejects(
      sdk.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 4096,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        system: [{ type: 'text', text: 'stable' }],
        output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: {}, additionalProperties: false } } },
        messages: [{ role: 'user', content: 'call me on 415-555-0199' }],
      }),
      (err: Error) => err instanceof Anthropic.APIError && err.status === 400,
    );
    assert.ok(server.violations.some((v) => /last block must carry cache_control/.test(v)));
    assert.ok(server.violations.some((v) => /PII sent: .*PHONE/.test(v)));
  });

  it('backs off on 429 and 529 for as long as retry-after says, with the injected sleep (no wall-clock wait)', async () => {
    server.failNext({ status: 429, retryAfter: '7' }, { status: 529, retryAfter: '2' }, { status: 529 });
    const [a] = await client().ask([request('r1')]);
    assert.ok(a!.value);
    assert.deepEqual(sleeps, [7000, 2000, 4000], 'retry-after honoured; without it exponential backoff (1 s, 2 s, 4 s … by attempt)');
    assert.equal(server.messageRequests().length, 4);
    assert.equal((await store.llmSpend()).requests, 1, 'only the answered request is billed');
  });

  it('retries an overload that arrives inside the SSE stream (an error event after message_start)', async () => {
    server.failNext({ status: 529, midStream: true });
    const [a] = await client().ask([request('s1')]);
    assert.ok(a!.value);
    assert.deepEqual(sleeps, [1000]);
    assert.equal(server.messageRequests().length, 2);
    assert.equal((await store.llmSpend()).requests, 1);
  });

  it('gives up after maxAttempts and reports the status', async () => {
    server.failNext({ status: 529 }, { status: 529 }, { status: 529 });
    await assert.rejects(client({ retry: { sleep: async (ms) => void sleeps.push(ms), maxAttempts: 3 } }).ask([request('g1')]), (err: Error) => err instanceof Anthropic.APIError && err.status === 529);
    assert.equal(sleeps.length, 2);
    assert.equal((await store.llmSpend()).requests, 0);
  });

  it('an answer that does not match the schema is a clear error naming the field; it was billed, so the ledger has it', async () => {
    await server.close();
    server = await new FakeAnthropicServer({ apiKey: KEY, answer: () => ({ summary: 'x', hypotheses: [42], citedCalls: [] }) }).start();
    const [a] = await client().ask([request('m1')]);
    assert.ok(a!.error instanceof LlmAnswerError);
    assert.match(a!.error.message, /request m1: the answer does not match its schema: answer\.hypotheses\[0\]: .*string/i);
    assert.equal((await store.llmSpend()).requests, 1);
  });

  it('refuses to send a request that still holds PII: nothing reaches the server', async () => {
    const c = client();
    await assert.rejects(c.ask([request('ok1'), request('p1', 'user: mail me at jane.doe@example.com or call 415-555-0199')]), (err: Error) => {
      assert.ok(err instanceof PrivacyViolationError);
      assert.match(err.message, /request p1/);
      assert.doesNotMatch(err.message, /jane/);
      return true;
    });
    assert.equal(server.received.length, 0);
  });

  it('Message Batches: create, poll with the injected sleep until ended, read the JSONL results, bill at half price', async () => {
    const answers = await client().askBatch([request('b1'), request('b2'), request('b3')]);
    assert.deepEqual(server.violations, []);
    assert.deepEqual(
      answers.map((a) => [a.id, a.batch, a.value?.citedCalls[0]]),
      [
        ['b1', true, 'c-b1'],
        ['b2', true, 'c-b2'],
        ['b3', true, 'c-b3'],
      ],
    );
    assert.deepEqual(sleeps, [5000, 5000], 'a wait after each status poll that was still in progress; the third had ended');
    const create = server.received.find((r) => r.path === '/v1/messages/batches')!.body as { requests: Array<{ custom_id: string; params: { stream?: boolean } }> };
    assert.deepEqual(create.requests.map((r) => r.custom_id), ['b1', 'b2', 'b3']);
    assert.ok(create.requests.every((r) => r.params.stream === undefined));
    const p = DEFAULT_PRICES['claude-sonnet-4-6']!;
    for (const a of answers) assert.equal(a.costUsd, costUsd(a.usage, p, false) / 2);
    const spend = await store.llmSpend();
    assert.equal(spend.requests, 3);
  });

  it('a price table without the model, an unknown model and a too-small budget fail before any request', () => {
    assert.throws(() => client({ prices: { 'claude-haiku-4-5': DEFAULT_PRICES['claude-haiku-4-5']! }, pricesSource: '--prices p.json' }), /--prices p\.json has no entry for "claude-sonnet-4-6": add "claude-sonnet-4-6"/);
    assert.throws(() => client({ model: 'gpt-4o' }), UnknownModelError);
    assert.throws(() => client({ thinkingBudget: 512 }), /thinking budget 512: use a whole number ≥ 1024/);
    assert.equal(server.received.length, 0);
  });
});

describe('llm: model capabilities and prices', () => {
  it('knows which thinking and answer form each model takes; newer names by version', () => {
    assert.deepEqual(modelCapabilities('claude-sonnet-4-5-20250929'), { thinking: 'budget', answer: 'output-config' });
    assert.deepEqual(modelCapabilities('claude-opus-4-1'), { thinking: 'budget', answer: 'tool' });
    assert.deepEqual(modelCapabilities('claude-opus-4-7'), { thinking: 'adaptive', answer: 'output-config' });
    assert.deepEqual(modelCapabilities('claude-sonnet-5-5'), { thinking: 'adaptive', answer: 'output-config' });
    assert.deepEqual(modelCapabilities('claude-fable-5'), { thinking: 'adaptive', answer: 'tool' });
    assert.throws(() => modelCapabilities('claude-instant-1'), /unknown Claude model "claude-instant-1"/);
  });

  it('costs every token kind at its price per million; batches at half', () => {
    const price = { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 };
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cacheCreationInputTokens: 200_000, cacheReadInputTokens: 1_000_000 };
    assert.equal(costUsd(usage, price, false), 3 + 1.5 + 0.75 + 0.3);
    assert.equal(costUsd(usage, price, true), (3 + 1.5 + 0.75 + 0.3) / 2);
  });

  it('a bad price file names the field and the fix', () => {
    assert.throws(() => parsePriceTable('{"claude-x": {"input": 1, "output": 2, "cacheWrite": 3}}', 'p.json'), /p\.json: "claude-x"\.cacheRead: .*USD per million tokens/);
    assert.throws(() => parsePriceTable('{"claude-x": {"input": -1, "output": 2, "cacheWrite": 3, "cacheRead": 1}}', 'p.json'), /"claude-x"\.input/);
    assert.throws(() => parsePriceTable('nope', 'p.json'), /p\.json: not JSON/);
    assert.equal(priceFor(DEFAULT_PRICES, 'claude-haiku-4-5-20251001', 'x').input, 1);
  });
});
