import type { ConversationEventInput } from '../model';
import {
  AGENT_CLOSINGS,
  AGENT_NAMES,
  AGENT_RESOLUTIONS,
  AGENT_TOOL_ERROR_LINES,
  AGENT_TRANSFERS,
  AGENT_WITHHELD_LINES,
  CITIES,
  CUSTOMER_FIRST_NAMES,
  CUSTOMER_LAST_NAMES,
  GREETINGS,
  IDENTITY_ANSWERS,
  INTENT_TOOLS,
  INTENT_TRIGGERS,
  OPENERS,
  PRODUCTS,
  STRATEGY_MOVES,
  STREETS,
  TRIGGER_STRATEGIES,
  USER_ESCALATIONS,
  USER_GIVE_UPS,
  USER_NEGATIVE_REACTIONS,
  USER_POSITIVE_REACTIONS,
  USER_THANKS,
} from './phrases';
import { blindRetryFailure, errorModeArguments, errorModeFailure, errorModeWouldFail, planErrorModes } from './errorModes';
import type { PlantedError } from './errorModes';
import { SeededRandom } from './random';
import { SAMPLE_INTENTS } from './truth';
import type { CallTruth, PlantedPattern, PlantedToolPattern, SampleIntent, SampleStrategy, SampleTrigger, SampleTruth } from './truth';

export interface SampleOptions {
  seed?: number;
  count?: number;
  agentId?: string;
  /** Epoch ms of the first call; calls spread evenly over `spanDays`. */
  startTs?: number;
  spanDays?: number;
  /**
   * The agent's policy: the move it makes in a situation, given the generator's uniform pick (the
   * default). A simulated learning fleet sets it to follow adopted patterns. The uniform pick is always
   * drawn, so a policy that keeps it reproduces the default calls exactly.
   */
  chooseStrategy?: (intent: SampleIntent, trigger: SampleTrigger, uniformPick: SampleStrategy) => SampleStrategy;
  /**
   * The agent's check before each tool call of the error modes' flow (only with `errorModes`): given the
   * call so far and the pending call, what it does instead (a simulated agent obeying a learned
   * correction), or nothing. The generator then plays the corrected call: the world decides whether the
   * error still happens. The hook sees only the events, never the plan.
   */
  beforeToolCall?: (callSoFar: readonly ConversationEventInput[], pending: { name: string; arguments: Record<string, unknown> }) => ToolCallCorrection | undefined;
  /**
   * Plant the recurring error modes of errorModes.ts (refund without identity check, change after
   * shipped, missing field, same-args retry) with their precursors; default off, so the calls of
   * every other evaluation stay exactly as they were.
   */
  errorModes?: boolean;
  /**
   * With `errorModes`: the chance that each planted error that happens costs the call its success (a failed
   * step costs the customer), drawn from the modes' own stream. Default 0: outcomes stay exactly those of
   * the calls without error modes, as the other evaluations expect; the learning fleet sets it.
   */
  errorModePenalty?: number;
  /**
   * The world's truth, when it is not the demo's: which moves truly work better (replacing
   * PLANTED_PATTERNS) and the rare moves agents make by habit beside their usual repertoire. Default: the
   * demo's world, so the calls of every other evaluation stay exactly as they were.
   */
  world?: SampleWorld;
}

/**
 * A world for the generator: its planted moves, and the moves agents make only rarely in a situation
 * (`share` of that situation's calls, drawn before the usual uniform pick). A rare move that works much
 * better is an effect a learning loop can only find by accumulating calls; nothing hands it over.
 */
export interface SampleWorld {
  planted: readonly PlantedPattern[];
  rareMoves: ReadonlyArray<{ intent: SampleIntent; trigger: SampleTrigger; strategy: SampleStrategy; share: number }>;
}

/**
 * What an agent can do about a pending tool call: call a missing step first, add a missing argument,
 * retry with fresh arguments instead of the ones that just failed, or not make the call at all.
 */
export type ToolCallCorrection =
  | { kind: 'call-first'; tool: string }
  | { kind: 'add-argument'; field: string }
  | { kind: 'fresh-arguments' }
  | { kind: 'withhold' };

export interface GeneratedCall {
  events: ConversationEventInput[];
  truth: CallTruth;
}

/** The baseline success rate of every (intent, trigger) cell before planted effects and tool effects. */
export const BASELINE: Record<SampleIntent, number> = {
  product_defect: 0.55,
  shipping_issue: 0.6,
  account_access: 0.55,
  purchase_dispute: 0.5,
  subscription_inquiry: 0.45,
  manage_account: 0.6,
};

/** The effects the generator plants: one strategy in a situation that truly works better (or worse). */
export const PLANTED_PATTERNS: readonly PlantedPattern[] = [
  { intent: 'purchase_dispute', trigger: 'price-objection', strategy: 'value-reframing', successRate: 0.82, baselineRate: 0.5, effect: 'positive' },
  { intent: 'product_defect', trigger: 'refund-request', strategy: 'empathy-with-options', successRate: 0.85, baselineRate: 0.55, effect: 'positive' },
  { intent: 'account_access', trigger: 'locked-out', strategy: 'verification-first', successRate: 0.85, baselineRate: 0.55, effect: 'positive' },
  { intent: 'shipping_issue', trigger: 'late-delivery', strategy: 'policy-citation', successRate: 0.25, baselineRate: 0.6, effect: 'negative' },
  { intent: 'subscription_inquiry', trigger: 'cancel-request', strategy: 'discount-offer', successRate: 0.78, baselineRate: 0.45, effect: 'positive' },
];

/** Tool orders that move the outcome: the tool effect adds to the strategy's rate. */
export const PLANTED_TOOL_PATTERNS: readonly (PlantedToolPattern & { share: number; delta: number })[] = [
  // Verifying identity before pulling up the account (ABCD's own guideline) helps account-access calls.
  { intent: 'account_access', sequence: ['verify_identity', 'pull_up_account'], successRate: 0, baselineRate: 0, effect: 'positive', share: 0.5, delta: 0.15 },
  // Offering a refund before validating the purchase leads to reversals and callbacks.
  { intent: 'product_defect', sequence: ['offer_refund', 'validate_purchase'], successRate: 0, baselineRate: 0, effect: 'negative', share: 0.3, delta: -0.2 },
];

const TOOL_ERRORS = [
  { tool: 'validate_purchase', code: 'ORDER_NOT_FOUND', message: (r: SeededRandom) => `Order ORD-${r.digits(6)} not found in region us-${r.pick(['east', 'west'])}`, rate: 0.06, penalty: 0.25 },
  { tool: 'update_account', code: 'GATEWAY_TIMEOUT', message: (r: SeededRandom) => `Payment gateway timed out after ${r.int(3000, 9000)} ms`, rate: 0.05, penalty: 0.25 },
  { tool: 'shipping_status', code: 'CARRIER_UNAVAILABLE', message: (r: SeededRandom) => `Carrier API returned 503 for tracking ${r.digits(12)}`, rate: 0.05, penalty: 0.2 },
];

const SITUATIONS: ReadonlyArray<readonly [SampleIntent, SampleTrigger]> = SAMPLE_INTENTS.flatMap((intent) =>
  INTENT_TRIGGERS[intent].map((trigger) => [intent, trigger] as const),
);

const clamp = (p: number) => Math.min(0.97, Math.max(0.03, p));

function plantedRate(intent: SampleIntent, trigger: SampleTrigger, strategy: SampleStrategy, world: readonly PlantedPattern[]): number {
  const planted = world.find((p) => p.intent === intent && p.trigger === trigger && p.strategy === strategy);
  return planted ? planted.successRate : BASELINE[intent];
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => slots[key] ?? m);
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
function spoken(digits: string): string {
  return [...digits].map((d) => DIGIT_WORDS[Number(d)]).join(' ');
}

/**
 * Generates realistic customer-service calls as Kaizen JSONL events, lazily (a million calls never sit in
 * memory). Deterministic for a seed. Each call carries PII in its text (names, phones, emails, order and
 * account numbers, addresses, amounts) exactly as a raw recording would: Kaizen must redact it on import.
 */
export function* iterateSampleCalls(options: SampleOptions = {}): Generator<GeneratedCall> {
  const seed = options.seed ?? 7;
  const count = options.count ?? 5000;
  const agentId = options.agentId ?? 'acme-support';
  const startTs = options.startTs ?? Date.UTC(2026, 8, 1, 8, 0, 0);
  const spanMs = (options.spanDays ?? 60) * 86_400_000;
  const r = new SeededRandom(seed);
  const plantedMoves = options.world?.planted ?? PLANTED_PATTERNS;
  const rareBySituation = new Map((options.world?.rareMoves ?? []).map((m) => [`${m.intent}|${m.trigger}`, m]));

  for (let i = 0; i < count; i++) {
    const callId = `sample-${seed}-${String(i).padStart(6, '0')}`;
    // Every (intent, situation) pair is equally likely, so each planted cell gets enough calls for its
    // effect to be detectable at the demo's 5,000 calls (an intent with three situations has more calls).
    const [intent, trigger] = r.pick(SITUATIONS);
    let uniformPick = r.pick(TRIGGER_STRATEGIES[trigger]);
    if (options.world) {
      // The world's rare moves: one more draw per call, only in a world that has them (the demo's stream is unchanged).
      const rare = rareBySituation.get(`${intent}|${trigger}`);
      if (rare && r.chance(rare.share)) uniformPick = rare.strategy;
    }
    const strategy = options.chooseStrategy ? options.chooseStrategy(intent, trigger, uniformPick) : uniformPick;
    const first = r.pick(CUSTOMER_FIRST_NAMES);
    const last = r.pick(CUSTOMER_LAST_NAMES);
    const phoneDigits = `${r.int(2, 9)}${r.digits(2)}${r.int(2, 9)}${r.digits(6)}`;
    const slots: Record<string, string> = {
      agent: r.pick(AGENT_NAMES),
      daypart: r.pick(['morning', 'afternoon']),
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${r.int(1, 99)}@${r.pick(['gmail.com', 'yahoo.com', 'outlook.com', 'example.org'])}`,
      phone: `(${phoneDigits.slice(0, 3)}) ${phoneDigits.slice(3, 6)}-${phoneDigits.slice(6)}`,
      spokenPhone: spoken(phoneDigits),
      order: `ORD-${r.digits(6)}`,
      account: `${r.int(1, 9)}${r.digits(9)}`,
      amount: `$${r.int(19, 480)}.${r.digits(2)}`,
      small: `$${r.int(4, 12)}`,
      last4: r.digits(4),
      zip: r.digits(5),
      dob: `${r.pick(['March', 'June', 'October', 'January'])} ${r.int(1, 28)}, ${r.int(1950, 2003)}`,
      address: `${r.int(10, 9999)} ${r.pick(STREETS)}, ${r.pick(CITIES)}`,
      product: r.pick(PRODUCTS),
      ref: `REF${r.digits(8)}`,
    };

    // Tool flow, possibly in a planted order, possibly hitting an error.
    let tools = [...INTENT_TOOLS[intent]];
    let toolDelta = 0;
    for (const tp of PLANTED_TOOL_PATTERNS) {
      if (tp.intent !== intent) continue;
      const [a, b] = tp.sequence as [string, string];
      const inOrder = r.chance(tp.share);
      tools = tools.filter((t) => t !== a && t !== b);
      const pair = inOrder ? [a, b] : [b, a];
      // the planted pair always appears; only its order varies
      tools = [...pair, ...tools];
      if (inOrder) toolDelta += tp.delta;
    }
    const errors: { tool: string; code: string; message: string }[] = [];
    let errorPenalty = 0;
    for (const te of TOOL_ERRORS) {
      if (tools.includes(te.tool) && r.chance(te.rate)) {
        const message = te.message(r);
        errors.push({ tool: te.tool, code: te.code, message });
        errorPenalty += te.penalty;
      }
    }
    const pSuccess = clamp(plantedRate(intent, trigger, strategy, plantedMoves) + toolDelta - errorPenalty);
    let success = r.chance(pSuccess);
    let failureMode: 'none' | 'escalated' | 'abandoned' | 'unresolved' = success ? 'none' : r.weighted([['escalated', 0.45], ['abandoned', 0.3], ['unresolved', 0.25]] as const);
    const explicitOutcome = r.chance(0.8);

    // ---- the conversation ------------------------------------------------------------------
    const ts0 = startTs + Math.floor((spanMs * i) / Math.max(1, count)) + r.int(0, 60_000);
    let t = ts0;
    let n = 0;
    const events: ConversationEventInput[] = [];
    const base = () => ({ eventId: `${callId}:${n++}`, callId, agentId, ts: t });
    const turn = (role: 'user' | 'agent', text: string) => {
      t += r.int(2500, 9000);
      events.push({ ...base(), type: 'turn', role, text });
    };
    events.push({ ...base(), type: 'call.started', channel: 'voice', agentVersion: '2026.09', callerKey: slots.phone });

    turn('agent', fill(r.pick(GREETINGS), slots));
    turn('user', fill(r.pick(OPENERS[trigger]), slots));
    if (strategy !== 'verification-first' && r.chance(0.5)) {
      turn('agent', 'I can help with that. Can I get your name and the email on the account?');
      turn('user', fill(r.pick(IDENTITY_ANSWERS), slots));
    }
    // The key move. Verification-first agents verify before anything else.
    turn('agent', fill(r.pick(STRATEGY_MOVES[strategy]), slots));
    if (strategy === 'verification-first') turn('user', fill(r.pick(IDENTITY_ANSWERS), slots));

    let toolSeq = 0;
    // Error modes draw from their own stream (plan.rng), so the main stream — and every call without them — is unchanged.
    const plan = options.errorModes ? planErrorModes(seed, i, intent) : undefined;
    const planted: PlantedError[] = [];
    const modeState = { verified: false, shippedSeen: false, zipMissing: plan?.zipMissing ?? false };
    /** Planted modes a correction kept from happening (the answer key of error prevention; scoring only). */
    const averted: PlantedError[] = [];
    const extraTool = (name: string, args: Record<string, unknown>, result: { ok: true; result: string } | { ok: false; error: string; code: string }) => {
      const rng = plan!.rng;
      t += rng.int(300, 1500);
      const toolCallId = `${callId}-tool-${toolSeq++}`;
      events.push({ ...base(), type: 'tool.called', toolCallId, name, arguments: args });
      t += rng.int(200, 1200);
      if (result.ok) events.push({ ...base(), type: 'tool.result', toolCallId, name, ok: true, result: result.result });
      else {
        events.push({ ...base(), type: 'tool.result', toolCallId, name, ok: false, error: result.error });
        events.push({ ...base(), type: 'agent.error', code: result.code, message: result.error, stage: 'tool', toolName: name });
      }
    };
    const verify = () => {
      extraTool('verify_identity', errorModeArguments('verify_identity', plan!, slots)!, { ok: true, result: '{"status":"verified"}' });
      modeState.verified = true;
    };
    if (plan?.verifyFirst) verify();
    for (const tool of tools) {
      let args = (plan && errorModeArguments(tool, plan, slots)) ?? (tool === 'pull_up_account' ? { email: slots.email } : { order_id: slots.order });
      const err = errors.find((e) => e.tool === tool);
      if (plan && options.beforeToolCall && !err) {
        // The agent's own check: the world's plan decides what a corrected call still hits.
        const wouldFail = errorModeWouldFail(tool, plan, { ...modeState, zipMissing: tool === 'update_account' && !('zip' in args) });
        const correction = options.beforeToolCall(events, { name: tool, arguments: args });
        if (correction?.kind === 'withhold') {
          if (wouldFail) averted.push(wouldFail);
          turn('agent', r.pick(AGENT_WITHHELD_LINES));
          continue;
        }
        if (correction?.kind === 'call-first' && correction.tool === 'verify_identity' && !modeState.verified) verify();
        if (correction?.kind === 'add-argument' && !(correction.field in args)) args = { ...args, [correction.field]: slots[correction.field] ?? 'provided' };
        if (wouldFail && !errorModeWouldFail(tool, plan, { ...modeState, zipMissing: tool === 'update_account' && !('zip' in args) })) averted.push(wouldFail);
      }
      if (plan && tool === 'update_account') modeState.zipMissing = !('zip' in args);
      t += r.int(300, 1500);
      const toolCallId = `${callId}-tool-${toolSeq++}`;
      events.push({ ...base(), type: 'tool.called', toolCallId, name: tool, arguments: args });
      t += r.int(200, 1200);
      const modeErr = plan && !err ? errorModeFailure(tool, plan, modeState, slots) : undefined;
      if (err) {
        events.push({ ...base(), type: 'tool.result', toolCallId, name: tool, ok: false, error: err.message });
        events.push({ ...base(), type: 'agent.error', code: err.code, message: err.message, stage: 'tool', toolName: tool });
        turn('agent', r.pick(AGENT_TOOL_ERROR_LINES));
        if (plan && tool === 'update_account') {
          // The retry after a timeout: the same arguments are rejected, a fresh request key goes through.
          const correction = plan.blindRetry ? options.beforeToolCall?.(events, { name: tool, arguments: args }) : undefined;
          const blind = plan.blindRetry && correction?.kind !== 'fresh-arguments' && correction?.kind !== 'withhold';
          if (blind) {
            const failure = blindRetryFailure(plan);
            planted.push({ mode: failure.mode, tool: failure.tool, code: failure.code, precursor: failure.precursor });
            extraTool(tool, args, { ok: false, error: failure.message, code: failure.code });
          } else {
            if (plan.blindRetry) averted.push({ mode: 'same-args-retry', tool, code: 'DUPLICATE_REQUEST', precursor: 'update_account retried with the arguments that just failed' });
            if (correction?.kind === 'withhold') turn('agent', r.pick(AGENT_WITHHELD_LINES));
            else extraTool(tool, { ...args, request_key: `rk_${plan.rng.digits(8)}` }, { ok: true, result: '{"status":"updated"}' });
          }
        }
      } else if (modeErr) {
        planted.push({ mode: modeErr.mode, tool: modeErr.tool, code: modeErr.code, precursor: modeErr.precursor });
        events.push({ ...base(), type: 'tool.result', toolCallId, name: tool, ok: false, error: modeErr.message });
        events.push({ ...base(), type: 'agent.error', code: modeErr.code, message: modeErr.message, stage: 'tool', toolName: tool });
      } else {
        const result = plan && tool === 'shipping_status' ? JSON.stringify({ status: plan.shippingStatus, carrier: 'UPS' }) : '{"status":"ok"}';
        events.push({ ...base(), type: 'tool.result', toolCallId, name: tool, ok: true, result });
        if (plan && tool === 'shipping_status' && plan.shippingStatus === 'shipped') modeState.shippedSeen = true;
        if (tool === 'verify_identity') modeState.verified = true;
      }
    }
    // A planted error that happened can cost the call its success (drawn from the modes' own stream, so
    // calls without error modes are unchanged).
    const penalty = options.errorModePenalty ?? 0;
    if (plan && penalty > 0 && success && planted.length > 0 && plan.rng.chance(1 - (1 - penalty) ** planted.length)) {
      success = false;
      failureMode = plan.rng.weighted([['escalated', 0.45], ['abandoned', 0.3], ['unresolved', 0.25]] as const);
    }

    if (success) {
      turn('user', r.pick(USER_POSITIVE_REACTIONS));
      turn('agent', fill(r.pick(AGENT_RESOLUTIONS), slots));
      turn('user', r.pick(USER_THANKS));
      turn('agent', r.pick(AGENT_CLOSINGS));
    } else {
      turn('user', r.pick(USER_NEGATIVE_REACTIONS));
      if (failureMode === 'escalated') {
        turn('user', r.pick(USER_ESCALATIONS));
        turn('agent', r.pick(AGENT_TRANSFERS));
        t += 500;
        const toolCallId = `${callId}-tool-${toolSeq++}`;
        events.push({ ...base(), type: 'tool.called', toolCallId, name: 'transfer_to_human_agents', arguments: { summary: `customer ${intent} ${trigger}` } });
        events.push({ ...base(), type: 'tool.result', toolCallId, name: 'transfer_to_human_agents', ok: true, result: 'Transfer successful' });
      } else if (failureMode === 'abandoned') {
        turn('user', r.pick(USER_GIVE_UPS));
      } else {
        turn('agent', 'I am sorry I could not do more today. Is there anything else?');
        turn('user', 'No. I guess not.');
      }
    }

    t += r.int(500, 2000);
    const durationMs = t - ts0;
    const endReason = failureMode === 'escalated' ? 'transfer' : failureMode === 'abandoned' ? 'customer_hangup' : 'completed';
    const csat = success ? r.int(4, 5) : r.int(1, 2);
    events.push({
      ...base(),
      type: 'call.ended',
      outcome: explicitOutcome
        ? {
            resolved: success,
            escalated: failureMode === 'escalated',
            transferred: failureMode === 'escalated',
            abandoned: failureMode === 'abandoned',
            csat,
            durationMs,
            endReason,
          }
        : { durationMs, endReason: failureMode === 'abandoned' ? 'customer_hangup' : 'unknown' },
    });
    if (explicitOutcome && r.chance(0.3)) {
      t += 60_000;
      events.push({ ...base(), type: 'feedback', from: 'customer', rating: csat, comment: success ? 'quick and helpful' : 'did not solve my problem' });
    }

    yield {
      events,
      truth: {
        callId,
        intent,
        trigger,
        strategy,
        toolSequence: tools,
        success,
        escalated: failureMode === 'escalated',
        errorCodes: [...errors.map((e) => e.code), ...planted.map((p) => p.code)],
        explicitOutcome,
        ...(plan ? { plantedErrors: planted, avertedErrors: averted } : {}),
      },
    };
  }
}

/** Everything the generator planted, with the rates observed in the calls it actually produced. */
export function summarizeTruth(seed: number, calls: readonly CallTruth[]): SampleTruth {
  const cells = new Map<string, { intent: SampleIntent; trigger: SampleTrigger; strategy: SampleStrategy }>();
  for (const c of calls) cells.set(`${c.intent}|${c.trigger}|${c.strategy}`, { intent: c.intent, trigger: c.trigger, strategy: c.strategy });
  const rate = (xs: readonly CallTruth[]) => (xs.length ? xs.filter((c) => c.success).length / xs.length : Number.NaN);

  const planted = PLANTED_PATTERNS.map((p) => {
    const situation = calls.filter((c) => c.intent === p.intent && c.trigger === p.trigger);
    return {
      ...p,
      successRate: rate(situation.filter((c) => c.strategy === p.strategy)),
      baselineRate: rate(situation.filter((c) => c.strategy !== p.strategy)),
    };
  });
  const plantedTools = PLANTED_TOOL_PATTERNS.map(({ share: _share, delta: _delta, ...tp }) => {
    const ofIntent = calls.filter((c) => c.intent === tp.intent);
    const inOrder = (c: CallTruth) => c.toolSequence.indexOf(tp.sequence[0]!) < c.toolSequence.indexOf(tp.sequence[1]!);
    return { ...tp, successRate: rate(ofIntent.filter(inOrder)), baselineRate: rate(ofIntent.filter((c) => !inOrder(c))) };
  });
  return { seed, count: calls.length, planted, plantedTools, cells: [...cells.values()], calls: [...calls] };
}

/** Generates `count` calls and their truth in memory (fine for the demo's 5,000; stream for more). */
export function generateSampleCalls(options: SampleOptions = {}): { calls: GeneratedCall[]; truth: SampleTruth } {
  const calls = [...iterateSampleCalls(options)];
  return { calls, truth: summarizeTruth(options.seed ?? 7, calls.map((c) => c.truth)) };
}
