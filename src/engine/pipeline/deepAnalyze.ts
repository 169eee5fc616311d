import { z } from 'zod';
import type { Conversation, ErrorFingerprint, Pattern } from '../model';
import type { EnginePorts } from '../ports';
import { createComplianceValidator } from '../privacy';
import type { PrivacyPolicy } from '../privacy';
import type { LearningStore } from '../store/learningStore';
import { LlmClient, ZERO_USAGE, addUsage } from '../llm';
import type { LlmClientOptions, PriceTable, StructuredRequest, TokenUsage } from '../llm';

/** One thing worth a designer's attention; its evidence is what the engine knows, never the model's say. */
export const DeepFindingSchema = z.object({
  id: z.string(),
  summary: z.string(),
  evidence: z.object({ calls: z.array(z.string()), fingerprints: z.array(z.string()) }),
  hypotheses: z.array(z.string()),
});
export type DeepFinding = z.output<typeof DeepFindingSchema>;

export interface DeepAnalysisResult {
  mode: 'claude' | 'offline';
  /** The model asked (`null` offline: no model was asked). */
  model: string | null;
  /** Billed answers. */
  requests: number;
  usage: TokenUsage;
  costUsd: number;
  findings: DeepFinding[];
}

/** What Claude answers for one finding (its JSON Schema goes in the request; zod checks the answer). */
export const DeepAnswerSchema = z.object({
  summary: z.string().min(1).describe('One or two sentences: what is going on in these calls, in plain words for a conversation designer.'),
  hypotheses: z.array(z.string().min(1)).min(1).max(5).describe('Testable explanations or prompt changes, most likely first.'),
  citedCalls: z.array(z.string()).describe('Labels of the calls shown above that support the answer (C1, C2, …; only labels that appear above).'),
});
export type DeepAnswer = z.output<typeof DeepAnswerSchema>;

export interface ClaudeSettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  thinkingBudget: number;
  prices: PriceTable;
  pricesSource: string;
  batch?: boolean;
  /** Test and host overrides: retry sleep, batch polling, JSON instead of SSE. */
  client?: Pick<LlmClientOptions, 'retry' | 'batchPollMs' | 'batchTimeoutMs' | 'stream' | 'answerTokens'>;
}

export interface DeepAnalyzeOptions {
  store: LearningStore;
  ports: Pick<EnginePorts, 'clock' | 'logger' | 'hashing'>;
  /** The workspace privacy policy: outgoing requests pass its validator (the transcripts' residual gate). */
  policy?: PrivacyPolicy;
  /** Absent (no API key): offline findings from the engine alone, zero requests. */
  claude?: ClaudeSettings;
  /** Findings at most (default 8): significant patterns first, then the most frequent error fingerprints. */
  maxFindings?: number;
  /** Evidence calls per finding (default 3); their redacted transcripts go into the request. */
  callsPerFinding?: number;
  /** Characters of transcript per call in a request (default 4,000). */
  transcriptChars?: number;
}

interface Subject {
  id: string;
  kind: 'pattern' | 'fingerprint';
  pattern?: Pattern;
  fingerprint?: ErrorFingerprint;
  calls: string[];
  fingerprints: string[];
}

const pts = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)} pts`;
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Significant patterns (BH-adjusted q < 0.05) by |lift|, then fingerprints by count, with the calls the engine links to each. */
async function subjects(store: LearningStore, ports: DeepAnalyzeOptions['ports'], max: number, perFinding: number): Promise<Subject[]> {
  const patterns = (await store.listPatterns()).filter((p) => p.liftPValue < 0.05).sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift) || a.id.localeCompare(b.id));
  const fingerprints = (await store.listErrorFingerprints()).filter((f) => f.count > 0);
  const known = new Set(fingerprints.map((f) => f.fingerprint));
  const takePatterns = Math.min(patterns.length, Math.max(max - fingerprints.length, Math.ceil(max / 2)));
  const out: Subject[] = [];
  const existing = async (ids: readonly string[]) => {
    const kept: string[] = [];
    for (const id of ids) {
      if (kept.length >= perFinding) break;
      if (await store.getConversation(id)) kept.push(id);
    }
    return kept;
  };
  for (const p of patterns.slice(0, takePatterns)) {
    const calls = await existing(p.exampleCallIds);
    const fps = new Set<string>();
    for (const c of calls) for (const f of (await store.getCallAnalysis(c))?.errorFingerprints ?? []) if (known.has(f)) fps.add(f);
    out.push({ id: `finding-${ports.hashing.sha256(`pattern\u0000${p.id}`).slice(0, 12)}`, kind: 'pattern', pattern: p, calls, fingerprints: [...fps].sort() });
  }
  for (const f of fingerprints.slice(0, max - out.length)) {
    out.push({ id: `finding-${ports.hashing.sha256(`fingerprint\u0000${f.fingerprint}`).slice(0, 12)}`, kind: 'fingerprint', fingerprint: f, calls: await existing(f.exampleCallIds), fingerprints: [f.fingerprint] });
  }
  return out;
}

/** What the engine alone says about a subject: its figures in words and the hypotheses they suggest. */
function offlineFinding(s: Subject): DeepFinding {
  const evidence = { calls: s.calls, fingerprints: s.fingerprints };
  if (s.pattern) {
    const p = s.pattern;
    const better = p.lift >= 0;
    return {
      id: s.id,
      summary: `${p.intent} · ${p.trigger} → ${p.strategy}: ${pct(p.successRate)} success (95 % CI ${pct(p.confidence.low)}–${pct(p.confidence.high)}), lift ${pts(p.lift)} over the other moves, n=${p.support}, q=${p.liftPValue.toPrecision(2)}`,
      evidence,
      hypotheses: better
        ? [`When the caller's situation is "${p.trigger}" in ${p.intent}, answering with "${p.strategy}" resolves more calls; make it the default move there.`]
        : [`"${p.strategy}" answers "${p.trigger}" in ${p.intent} worse than the alternatives; steer the agent to another move in that situation.`],
    };
  }
  const f = s.fingerprint!;
  const where = [f.tool && `tool ${f.tool}`, f.code && `code ${f.code}`, f.stage && `stage ${f.stage}`].filter(Boolean).join(', ');
  return {
    id: s.id,
    summary: `"${f.template}" recurred ${f.count}×${where ? ` (${where})` : ''}`,
    evidence,
    hypotheses: [
      f.tool
        ? `The agent calls ${f.tool} before its precondition holds; check what the failing calls lack before the call and add that check to the prompt.`
        : 'The same failure repeats; find the step that precedes it in the evidence calls and guard against it.',
    ],
  };
}

const SYSTEM = [
  'You are a senior conversation designer reviewing customer-service calls handled by a voice or chat agent.',
  'Kaizen, an offline analysis engine, has measured a pattern or a recurring error across many calls and shows you its figures and a few example calls.',
  'Transcripts are redacted: personal data appears as typed placeholders such as [CUSTOMER_NAME_1] or [PHONE_1]. Never guess what a placeholder hides.',
  'Explain what is going on and propose hypotheses a designer can test as a prompt change or a guard before a tool call.',
  'Calls are labelled C1, C2, …; cite only labels that appear in the message, and do not invent facts the calls do not show.',
  'Answer with JSON that matches the given schema.',
].join('\n');

/** The outcome in words: machine numbers (durations, ids) read like phone numbers to the privacy gate and tell the model nothing. */
function outcomeWords(o: Conversation['outcome']): string {
  if (!o) return 'no outcome recorded';
  const words = [o.resolved === true ? 'resolved' : o.resolved === false ? 'not resolved' : undefined, o.escalated && 'escalated', o.transferred && 'transferred', o.abandoned && 'abandoned'];
  if (o.csat !== undefined) words.push(`csat ${o.csat} of 5`);
  words.push(`ended: ${o.endReason}`);
  return words.filter(Boolean).join(', ');
}

function transcript(c: Conversation, limit: number): string {
  const lines: string[] = [];
  for (const e of c.events) {
    if (e.type === 'turn') lines.push(`${e.role}: ${e.text}`);
    else if (e.type === 'tool.called') lines.push(`tool call ${e.name}(${JSON.stringify(e.arguments)})`);
    else if (e.type === 'tool.result') lines.push(`tool result${e.name ? ` ${e.name}` : ''}: ${e.ok ? 'ok' : 'FAILED'}${e.result ? ` ${e.result}` : ''}`);
    else if (e.type === 'agent.error') lines.push(`agent error: ${e.message}`);
  }
  const text = lines.join('\n');
  return text.length > limit ? `${text.slice(0, limit)}\n[… transcript cut]` : text;
}

/**
 * One request per finding. Calls go out under labels (C1, C2…), never under their ids: ids are the
 * engine's (and may be a platform's), and the model's citations are mapped back through the labels.
 */
async function requestFor(store: LearningStore, s: Subject, index: number, transcriptChars: number, system: string): Promise<StructuredRequest<DeepAnswer>> {
  const offline = offlineFinding(s);
  const parts = [
    s.kind === 'pattern' ? 'A significant pattern the engine measured:' : 'A recurring error the engine grouped by fingerprint:',
    offline.summary,
    '',
    `Example calls (${s.calls.length}):`,
  ];
  for (const [i, id] of s.calls.entries()) {
    const c = await store.getConversation(id);
    parts.push('', `--- call ${callLabel(i)} (${outcomeWords(c?.outcome)})`, c ? transcript(c, transcriptChars) : '(transcript deleted by retention)');
  }
  return {
    id: `f${index + 1}`,
    system,
    user: parts.join('\n'),
    schema: DeepAnswerSchema,
    answerName: 'record_finding',
    answerDescription: 'Record the explanation and hypotheses for this finding.',
  };
}

/**
 * The stable prefix every request of a run shares (and the API caches): the instructions and the
 * whole picture the engine measured, so each answer sees its finding among the others. A prefix below
 * the model's minimum cacheable length (about 1,024 tokens on Sonnet/Opus) is simply not cached.
 */
async function systemPrompt(store: LearningStore, findings: readonly DeepFinding[]): Promise<string> {
  const calls = await store.countCalls();
  const lines = [SYSTEM, '', `What the engine measured in this store (${calls} calls), one line per finding:`];
  // A dash, not a number: "q=0.00022" at a line's end followed by "2. …" reads to the privacy gate as one
  // digit run across the line break (a phone number), and the whole run would be refused.
  for (const f of findings) lines.push(`- ${f.summary}`);
  return lines.join('\n');
}

const callLabel = (i: number) => `C${i + 1}`;

/** The calls the model cited (by label) come first; labels or ids it made up are dropped (and counted). */
function mergeEvidence(engineCalls: readonly string[], cited: readonly string[]): { calls: string[]; dropped: number } {
  const byLabel = new Map(engineCalls.map((id, i) => [callLabel(i), id]));
  const first = [...new Set(cited.flatMap((label) => byLabel.get(label.trim()) ?? []))];
  return { calls: [...first, ...engineCalls.filter((id) => !first.includes(id))], dropped: new Set(cited.filter((label) => !byLabel.has(label.trim()))).size };
}

/**
 * Deep analysis: findings from the store's significant patterns and error fingerprints. With Claude
 * settings, one request per finding (or one Message Batch) carries the engine's figures and the
 * redacted evidence calls; the answer's summary and hypotheses replace the offline ones, the evidence
 * stays the engine's. Without them, the same findings come from the engine alone and nothing is sent.
 * Every billed answer lands in the store's cost ledger.
 */
export async function deepAnalyze(options: DeepAnalyzeOptions): Promise<DeepAnalysisResult> {
  const { store, ports } = options;
  const list = await subjects(store, ports, options.maxFindings ?? 8, options.callsPerFinding ?? 3);
  const offline = list.map(offlineFinding);
  const claude = options.claude;
  if (!claude) return { mode: 'offline', model: null, requests: 0, usage: { ...ZERO_USAGE }, costUsd: 0, findings: offline };

  const client = new LlmClient({
    ...claude.client,
    apiKey: claude.apiKey,
    baseURL: claude.baseURL,
    model: claude.model,
    thinkingBudget: claude.thinkingBudget,
    prices: claude.prices,
    pricesSource: claude.pricesSource,
    validator: createComplianceValidator({ policy: options.policy, mode: 'residual' }),
    ledger: store,
    purpose: 'deep-analyze',
    clock: ports.clock,
    logger: ports.logger,
  });
  const system = await systemPrompt(store, offline);
  const requests = await Promise.all(list.map((s, i) => requestFor(store, s, i, options.transcriptChars ?? 4000, system)));
  const answers = claude.batch ? await client.askBatch(requests) : await client.ask(requests);
  await store.save();

  let usage: TokenUsage = { ...ZERO_USAGE };
  let cost = 0;
  let billed = 0;
  const byId = new Map(answers.map((a) => [a.id, a]));
  const findings = list.map((s, i): DeepFinding => {
    const answer = byId.get(requests[i]!.id);
    if (answer?.messageId) {
      billed++;
      usage = addUsage(usage, answer.usage);
      cost += answer.costUsd;
    }
    if (!answer?.value) {
      if (answer?.error) ports.logger.warn(`deep-analyze: ${answer.error.message}; kept the engine's own finding ${s.id}`);
      return offline[i]!;
    }
    const { calls, dropped } = mergeEvidence(s.calls, answer.value.citedCalls);
    if (dropped > 0) ports.logger.warn(`deep-analyze: dropped ${dropped} call reference(s) the model cited for ${s.id} that the engine did not show it`);
    return { id: s.id, summary: answer.value.summary, evidence: { calls, fingerprints: s.fingerprints }, hypotheses: answer.value.hypotheses };
  });
  return { mode: 'claude', model: client.model, requests: billed, usage, costUsd: cost, findings };
}
