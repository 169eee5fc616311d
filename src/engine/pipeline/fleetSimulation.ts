/**
 * The closed-loop fleet simulation of issue 18, in process: a seeded fleet (agents × months) from the
 * sample-call generator with its planted effects (moves that truly work better per situation) and its
 * planted error modes with precursors. The loop runs unattended with the engine's own pieces and learns
 * only from the calls it observes: every call is analyzed (the analyzer never sees the generator's
 * truth) and fed to the errors stage (fingerprints, avoidance rules); patterns are scored, new winners
 * become A/B experiments monitored with the always-valid test at weekly looks that act at once, what ships rolls out in
 * two gated stages. Adopted moves and learned avoidance rules are shared through the collective's hub
 * (signed envelopes, adopted at a quorum of trusted keys); each agent applies what the hub adopted: it
 * makes the shared moves, and its ErrorDetector warns before a tool call, which it then corrects. The
 * generator's truth is read only to score (pattern recovery, errors averted). `npm run bench:learning`
 * runs it at scale; tests run a small fleet.
 */
import { callFactsOf, computeKpis } from '../analytics';
import type { CallFacts } from '../analytics';
import { addCall, analyzeEvents, emptyPatternCounts, scorePatterns } from '../analysis';
import { AgentArtifacts, HubService, TrustSet, addSignature, keyIdOf, openSqlHubStore, packEnvelope } from '../collective';
import type { Envelope, SharedArtifactPayload, SigningKey } from '../collective';
import { AvoidanceRuleSchema, ErrorDetector, ErrorLearner, ruleArtifactDraft } from '../errors';
import type { AvoidanceCondition, AvoidanceRule } from '../errors';
import { monitorExperiments } from '../experiments';
import type { MonitorLook } from '../experiments';
import { ArtifactPayloadSchema, assembleConversation } from '../model';
import type { ConversationEvent } from '../model';
import type { Clock, EnginePorts } from '../ports';
import { createComplianceValidator } from '../privacy';
import { FLEET_WORLD, SeededRandom, iterateSampleCalls, scorePatternRecovery } from '../samples';
import type { SampleIntent, SampleStrategy, SampleTrigger, SampleWorld, ToolCallCorrection } from '../samples';
import { PatternScreen } from './patternScreen';

export interface FleetSimulationOptions {
  seed: number;
  agents: number;
  months: number;
  callsPerAgentMonth: number;
  /** Hashing (error fingerprints, content addresses), Ed25519 (the hub's signatures) and sql.js (the hub's in-memory store). */
  ports: EnginePorts;
  /** Progress lines (a month's figures, proposals, decisions). */
  onLog?: (line: string) => void;
  /** The world's truth (default FLEET_WORLD: planted moves, rare hidden moves); read only by the generator and for scoring. */
  world?: SampleWorld;
  /**
   * Where the fleet shares: default the collective's HubService in process over an in-memory sql.js store;
   * a host may start a real hub server on loopback and connect every agent to it (src/node/fleetHub.ts).
   */
  hub?: FleetHubFactory;
}

/** The hub as the fleet sees it: submit signed envelopes; bring every agent up to date with what it adopted. */
export interface FleetHubLink {
  /** The hub's verdict on a submitted envelope (`adopted` at quorum); a refusal throws with its reason. */
  submit(envelope: Envelope): Promise<{ status: string }>;
  /**
   * Resolves once every agent applied (and acknowledged) every entry the hub logged so far: each agent's
   * live artifacts, and how many log entries it has applied in all.
   */
  sync(): Promise<Array<{ live: Envelope[]; applied: number }>>;
  close(): Promise<void>;
}

export interface FleetHubSetup {
  trust: TrustSet;
  quorum: number;
  agentIds: string[];
  /** The simulated clock (the hub's adoption times follow the simulated months). */
  clock: Clock;
}
export type FleetHubFactory = (setup: FleetHubSetup) => Promise<FleetHubLink>;

/** The default link: the collective's HubService in process, each agent reading the adoption log after its cursor. */
export function inProcessFleetHub(ports: EnginePorts): FleetHubFactory {
  return async ({ trust, quorum, agentIds, clock }) => {
    if (!ports.ed25519) throw new Error('the fleet simulation shares artifacts through the hub: its ports need ed25519');
    const hub = new HubService({ store: await openSqlHubStore({ ports }), quorum, trust, validator: createComplianceValidator(), hashing: ports.hashing, ed25519: ports.ed25519, clock });
    const agents = agentIds.map((id) => ({ id, artifacts: new AgentArtifacts(), cursor: 0, applied: 0 }));
    return {
      submit: (envelope) => hub.submit(envelope),
      sync: async () => {
        for (const agent of agents) {
          for (const f of await hub.framesAfter(agent.cursor)) {
            agent.artifacts.apply(f.action, f.envelope);
            await hub.ack(f.hash, agent.id, f.action);
            agent.applied++;
            agent.cursor = Number(f.id);
          }
        }
        return agents.map((a) => ({ live: Object.keys(a.artifacts.liveVersions()).map((id) => a.artifacts.live(id)!), applied: a.applied }));
      },
      close: async () => undefined,
    };
  };
}

export interface FleetMonth {
  month: string;
  calls: number;
  successRate: number | null;
  errors: number;
  repeatErrors: number;
  /** Tool calls an agent corrected after its detector warned (what the loop observes). */
  preventedErrors: number;
  /** Scoring only (the generator's truth): planted errors that happened, and those a correction averted. */
  plantedErrors: number;
  avertedErrors: number;
}

export interface FleetSimulationResult {
  conversations: number;
  /** Planted-pattern recovery from the first month's calls (before any policy change). */
  patternRecovery: { planted: number; found: number; truePositives: number; precision: number; recall: number };
  /** Planted-pattern recovery of everything the screen found significant by the last month (cumulative, stratified by month). */
  discoveredRecovery: { planted: number; found: number; truePositives: number; precision: number; recall: number };
  /** Planted-pattern recovery of what the loop adopted fleet-wide after its experiments (moves made, moves avoided). */
  adoptedRecovery: { planted: number; found: number; truePositives: number; precision: number; recall: number };
  /** Of the errors the planted modes would have caused in the last month (truth: happened + averted), the share averted. */
  repeatErrorReduction: number | null;
  /** Artifacts the hub adopted at quorum (moves and avoidance rules), and agent acknowledgements of applying them. */
  artifactsShared: number;
  artifactsApplied: number;
  /** Avoidance rules learned by the errors stage (all months). */
  rulesLearned: number;
  monthly: FleetMonth[];
  aaTests: number;
  aaFalsePositiveRate: number | null;
  experiments: { run: number; shipped: number; rolledBack: number };
  /** Situation → the move every agent now makes. */
  adopted: Record<string, string>;
  /** Situation → the moves every agent now avoids. */
  avoided: Record<string, string[]>;
}

const LOOKS_PER_MONTH = 4;
/** A/A tests: independent random splits of each situation's calls per month, each monitored at a daily look. */
const AA_SPLITS = 10;
export const FLEET_AA_LOOKS = 27;
const AA_LOOKS = FLEET_AA_LOOKS;
/** Tool calls the errors stage keeps per month to learn rules from (bounds the learner's memory and time). */
const LEARN_EXAMPLES = 60_000;
/** In the simulated world, each planted error that happens costs its call the success with this chance. */
const ERROR_MODE_PENALTY = 0.3;
/** The hub's trust: three keys (the learning node and two reviewers); two signatures adopt an artifact. */
const HUB_KEYS = 3;
const HUB_QUORUM = 2;
/** Weeks an experiment may run without a decision before it is stopped. */
const MAX_EXPERIMENT_WEEKS = 12;
const WEEK_MS = 7 * 86_400_000;

/** One simulated month as it ends: its calls' facts (for KPIs and the dashboard). */
export interface FleetMonthFacts {
  month: string;
  facts: CallFacts[];
}

/** Runs the whole simulation at once. */
export async function runFleetSimulation(options: FleetSimulationOptions): Promise<FleetSimulationResult> {
  const months = simulateFleet(options);
  let step = await months.next();
  while (!step.done) step = await months.next();
  return step.value;
}

/**
 * What an agent does to obey an avoidance rule: make its condition false where it can (call the missing
 * step first, add the missing argument, retry with fresh arguments), else not make the call.
 */
export function correctionFor(condition: AvoidanceCondition): ToolCallCorrection {
  for (const p of condition.all) {
    if (p.kind === 'missing-step') return { kind: 'call-first', tool: p.tool };
    if (p.kind === 'missing-arg') return { kind: 'add-argument', field: p.field };
    if (p.kind === 'same-args-retry') return { kind: 'fresh-arguments' };
  }
  return { kind: 'withhold' };
}

/** One agent of the fleet: what the hub delivered to it, and the policy it runs from that. */
interface FleetAgent {
  id: string;
  /** Log entries applied so far (the policy is rebuilt when it grows). */
  applied: number;
  moves: Map<string, SampleStrategy>;
  avoid: Map<string, Set<SampleStrategy>>;
  rules: Map<string, AvoidanceRule>;
  detector?: ErrorDetector;
}

/** Rebuilds an agent's policy from its live artifacts (only what the hub adopted). */
function applyLiveArtifacts(agent: FleetAgent, live: readonly Envelope[]): void {
  agent.moves.clear();
  agent.avoid.clear();
  agent.rules.clear();
  for (const envelope of live) {
    const content = ArtifactPayloadSchema.safeParse(envelope.payload.content);
    if (!content.success) continue;
    const payload = content.data;
    if (payload.kind === 'playbook') {
      for (const b of payload.bullets) {
        if (b.status !== 'active' || b.cite?.kind !== 'move') continue;
        const situation = `${b.cite.intent}|${b.cite.trigger}`;
        if (b.cite.use) agent.moves.set(situation, b.cite.strategy as SampleStrategy);
        else agent.avoid.set(situation, new Set([...(agent.avoid.get(situation) ?? []), b.cite.strategy as SampleStrategy]));
      }
    } else if (payload.kind === 'avoidance-rule') {
      const rule = AvoidanceRuleSchema.safeParse(payload.learned);
      if (rule.success) agent.rules.set(rule.data.id, rule.data);
    }
  }
  agent.detector = agent.rules.size ? new ErrorDetector([...agent.rules.values()]) : undefined;
}

/**
 * The simulation month by month: yields each month's facts when it ends and returns the result, so a
 * host can show the fleet live (and give its event loop a turn between months).
 */
export async function* simulateFleet(options: FleetSimulationOptions): AsyncGenerator<FleetMonthFacts, FleetSimulationResult> {
  const { seed, agents, months, callsPerAgentMonth } = options;
  for (const [k, v] of Object.entries({ seed, agents, months, callsPerAgentMonth })) {
    if (!Number.isInteger(v) || v < (k === 'seed' ? 0 : 1)) throw new RangeError(`${k} must be a whole number${k === 'seed' ? '' : ' ≥ 1'} (got ${v})`);
  }
  const log = (line: string) => options.onLog?.(line.replace(/\n$/, ''));
  type Situation = `${string}|${string}`;
  const situationOf = (intent: string, trigger: string): Situation => `${intent}|${trigger}`;
  interface RunningExperiment {
    id: string;
    situation: Situation;
    strategy: SampleStrategy;
    /** The test arm avoids `strategy` (a move that hurts) instead of making it. */
    avoid: boolean;
    looks: MonitorLook[];
    control: { users: number; conversions: number };
    test: { users: number; conversions: number };
  }

  const adopted = new Map<Situation, SampleStrategy>();
  /** Situation → the moves every agent now avoids (shipped "avoid" experiments). */
  const avoided = new Map<Situation, Set<SampleStrategy>>();
  /** The moves observed per situation (from the analysis), which an agent picks from when it avoids one. */
  const movesSeen = new Map<Situation, SampleStrategy[]>();
  /** Shipped moves in their first rollout stage (half the calls for a week, gated before everyone gets them). */
  const rollouts = new Map<Situation, RunningExperiment>();
  const ROLLOUT_SHARE = 0.5;
  const rejected = new Set<string>();
  const running = new Map<Situation, RunningExperiment>();
  const { ports } = options;
  const world = options.world ?? FLEET_WORLD;
  /** Each cell's always-valid lift test over the monthly looks (Holm across cells). */
  const screen = new PatternScreen();
  let lastScreen: ReturnType<PatternScreen['look']> = [];
  if (!ports.ed25519) throw new Error('the fleet simulation shares artifacts through the hub: its ports need ed25519');
  const crypto = { hashing: ports.hashing, ed25519: ports.ed25519 };
  const hash = (text: string) => ports.hashing.sha256(text);
  // The hub (in process unless the host links a real one): the collective's own consensus, on the simulated clock.
  let now = Date.UTC(2026, 0, 1);
  const keys: SigningKey[] = Array.from({ length: HUB_KEYS }, () => {
    const pair = ports.ed25519!.generateKeyPair();
    return { keyId: keyIdOf(pair.publicKey, ports.hashing), ...pair };
  });
  const fleet: FleetAgent[] = Array.from({ length: agents }, (_, a) => ({ id: `agent-${a}`, applied: 0, moves: new Map(), avoid: new Map(), rules: new Map() }));
  const hub = await (options.hub ?? inProcessFleetHub(ports))({
    trust: new TrustSet(keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey }))),
    quorum: HUB_QUORUM,
    agentIds: fleet.map((f) => f.id),
    clock: { now: () => now },
  });
  let artifactsShared = 0;
  let artifactsApplied = 0;
  let artifactsWithheld = 0;
  /** The learning node signs, a reviewer co-signs: the hub adopts at quorum. */
  const share = async (payload: SharedArtifactPayload): Promise<void> => {
    try {
      const envelope = addSignature(packEnvelope(payload, keys[0]!, crypto), keys[1]!, crypto);
      const status = await hub.submit(envelope);
      if (status.status === 'adopted') artifactsShared++;
    } catch (err) {
      artifactsWithheld++;
      log(`  hub refused ${payload.artifactId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  /** Every agent applies the adoption log in order and acknowledges it; an agent with new entries rebuilds its policy. */
  const deliver = async (): Promise<void> => {
    const states = await hub.sync();
    fleet.forEach((agent, i) => {
      const { live, applied } = states[i]!;
      if (applied === agent.applied) return;
      // The fleet never rolls back, so every entry applied is an adoption.
      artifactsApplied += applied - agent.applied;
      agent.applied = applied;
      applyLiveArtifacts(agent, live);
    });
  };
  const sharedRules = new Set<string>();
  const seenFingerprints = new Set<string>();
  let rulesLearned = 0;
  const experiments = { run: 0, shipped: 0, rolledBack: 0 };
  let aaTests = 0;
  let aaFalsePositives = 0;
  let recovery: ReturnType<typeof scorePatternRecovery> | undefined;
  const monthly: FleetMonth[] = [];

  /** One weekly look for every experiment and rollout stage, on the platform's verdict (else the analyzer's label); decisions act at once. */
  const decideWeek = async (facts: readonly CallFacts[], weekArms: ReadonlyArray<'control' | 'test' | undefined>, m: number): Promise<void> => {
    const observed = new Map<Situation, Array<{ arm: 'control' | 'test'; success: boolean }>>();
    facts.forEach((f, i) => {
      const arm = weekArms[i];
      if (f.success === undefined || !f.opening || !arm) return;
      const s = situationOf(f.opening.intent, f.opening.situation);
      const list = observed.get(s) ?? [];
      list.push({ arm, success: f.success });
      observed.set(s, list);
    });
    const addLook = (s: Situation, exp: RunningExperiment) => {
      for (const o of observed.get(s) ?? []) {
        const arm = o.arm === 'test' ? exp.test : exp.control;
        arm.users++;
        if (o.success) arm.conversions++;
      }
      exp.looks.push({ experiment: exp.id, look: exp.looks.length + 1, metric: 'binary', variants: [{ variant: 'control', ...exp.control }, { variant: 'test', ...exp.test }] });
    };
    let changed = false;
    // Rollout gate: the shipped move against the old policy over the stage's week; a significant regression rolls back.
    for (const [s, stage] of [...rollouts]) {
      addLook(s, stage);
      const gate = monitorExperiments(stage.looks)[0]!;
      log(`  rollout ${s} → ${stage.avoid ? 'avoid ' : ''}${stage.strategy}: ${gate.decision === 'rollback' ? 'rolled back' : 'to everyone'}\n`);
      if (gate.decision === 'rollback') {
        experiments.rolledBack++;
        rejected.add(proposalKey(s, stage.strategy, stage.avoid));
      } else {
        if (stage.avoid) avoided.set(s, new Set([...(avoided.get(s) ?? []), stage.strategy]));
        else adopted.set(s, stage.strategy);
        await share(moveArtifact(s, stage.strategy, !stage.avoid, hash));
        changed = true;
      }
      rollouts.delete(s);
    }
    for (const [s, exp] of [...running]) {
      addLook(s, exp);
      const [d] = monitorExperiments(exp.looks);
      if (d!.decision === 'ship') {
        log(`  experiment ${s} → ${exp.avoid ? 'avoid ' : ''}${exp.strategy}: ship at look ${d!.stoppedAtLook ?? exp.looks.length}\n`);
        experiments.shipped++;
        rollouts.set(s, { ...exp, id: `rollout-${exp.id}`, looks: [], control: { users: 0, conversions: 0 }, test: { users: 0, conversions: 0 } });
        running.delete(s);
      } else if (d!.decision === 'rollback' || exp.looks.length >= MAX_EXPERIMENT_WEEKS) {
        log(`  experiment ${s} → ${exp.avoid ? 'avoid ' : ''}${exp.strategy}: ${d!.decision === 'rollback' ? 'rolled back' : `stopped after ${exp.looks.length} weeks without a decision`} (month ${m + 1})\n`);
        if (d!.decision === 'rollback') experiments.rolledBack++;
        rejected.add(proposalKey(s, exp.strategy, exp.avoid));
        running.delete(s);
      }
    }
    if (changed) await deliver();
  };

  let conversations = 0;
  for (let m = 0; m < months; m++) {
    const monthStart = Date.UTC(2026, m, 1);
    const monthKey = new Date(monthStart).toISOString().slice(0, 7);
    now = monthStart;
    let prevented = 0;
    let plantedErrors = 0;
    let avertedErrors = 0;
    let errors = 0;
    let repeats = 0;
    const learner = new ErrorLearner({ hash, maxExamples: LEARN_EXAMPLES });
    const monthFacts: CallFacts[] = [];
    const arms: Array<'control' | 'test' | undefined> = [];
    // The month's pattern counts, added call by call (keeping a month of analyses alive cost a sixth of the loop in GC).
    const counts = emptyPatternCounts();
    const armRandom = new SeededRandom(seed * 1_000_003 + m);
    // The month week by week: experiments are looked at weekly and act at once (a move that ships starts its
    // rollout the next week; one that passes its gate goes to the hub and every agent has it the week after).
    for (let w = 0; w < LOOKS_PER_MONTH; w++) {
      const weekFrom = monthFacts.length;
      for (let a = 0; a < agents; a++) {
        const agent = fleet[a]!;
        let watching: { callId: string | undefined; watch?: ReturnType<ErrorDetector['watch']>; fed: number } = { callId: undefined, fed: 0 };
        const generator = iterateSampleCalls({
          seed: seed * 1_000_000 + m * 10_000 + w * 1_000 + a,
          count: Math.floor(callsPerAgentMonth / LOOKS_PER_MONTH) + (w < callsPerAgentMonth % LOOKS_PER_MONTH ? 1 : 0),
          agentId: agent.id,
          startTs: monthStart + w * WEEK_MS,
          spanDays: w < LOOKS_PER_MONTH - 1 ? 7 : 6,
          errorModes: true,
          errorModePenalty: ERROR_MODE_PENALTY,
          world,
          // The agent's policy: the moves the hub delivered to it; in a running experiment or a first rollout
          // stage, a share of the calls gets the proposed move.
          chooseStrategy: (intent: SampleIntent, trigger: SampleTrigger, uniform: SampleStrategy) => {
            const s = situationOf(intent, trigger);
            // What the agent does by itself: a shared move, else its usual pick unless a shared bullet says to avoid it.
            const own = (avoid?: SampleStrategy): SampleStrategy => {
              const move = agent.moves.get(s);
              if (move) return move;
              const avoidSet = agent.avoid.get(s);
              if (!avoidSet?.has(uniform) && uniform !== avoid) return uniform;
              const others = (movesSeen.get(s) ?? []).filter((x) => x !== avoid && !avoidSet?.has(x));
              return others.length ? armRandom.pick(others) : uniform;
            };
            const exp = running.get(s) ?? rollouts.get(s);
            if (exp) {
              const arm = armRandom.chance(running.has(s) ? 0.5 : ROLLOUT_SHARE) ? 'test' : 'control';
              arms.push(arm);
              if (arm === 'control') return own();
              return exp.avoid ? own(exp.strategy) : exp.strategy;
            }
            arms.push(undefined);
            return own();
          },
          // The agent's detector (rules the hub delivered) warns before the tool call; the agent obeys the
          // most probable rule's correction. The generator's events are the engine's own, already valid.
          beforeToolCall: (soFar, pending) => {
            if (!agent.detector) return undefined;
            // One watch per call, fed only the events since the last check (a live agent's detector works the same way).
            if (watching.callId !== soFar[0]?.callId) watching = { callId: soFar[0]?.callId, watch: agent.detector.watch(), fed: 0 };
            for (; watching.fed < soFar.length; watching.fed++) watching.watch!.add(soFar[watching.fed] as ConversationEvent);
            const [warning] = watching.watch!.warn(pending);
            const rule = warning && agent.rules.get(warning.rule);
            if (!rule) return undefined;
            prevented++;
            return correctionFor(rule.condition);
          },
        });
        for (const call of generator) {
          // The generator is the engine's own code and writes every field the schema would default (a test
          // checks that parsing changes nothing), so its events are used as they are: parsing each one cost
          // an eighth of the loop's time.
          const events = call.events as ConversationEvent[];
          const analysis = analyzeEvents(events);
          addCall(counts, analysis);
          // The errors stage: fingerprints (repeats are fingerprints seen before) and examples for the rules.
          for (const fp of learner.add(events, analysis.intent).fingerprints) {
            errors++;
            if (seenFingerprints.has(fp)) repeats++;
            else seenFingerprints.add(fp);
          }
          plantedErrors += call.truth.plantedErrors?.length ?? 0;
          avertedErrors += call.truth.avertedErrors?.length ?? 0;
          const opening = analysis.fragments.find((f) => f.opening && f.primary);
          const facts = callFactsOf(assembleConversation(events), {
            outcomeLabel: analysis.outcome.label,
            signalKinds: analysis.signals.map((s) => s.kind),
            ...(opening ? { opening: { intent: analysis.intent, situation: opening.trigger, move: opening.strategy } } : {}),
          });
          monthFacts.push(facts);
          conversations++;
        }
      }
      await decideWeek(monthFacts.slice(weekFrom), arms.slice(weekFrom), m);
    }

    // A/A: calls that were in no experiment, split at random (both halves ran the same policy at each moment).
    const day = (ts: number) => Math.min(AA_LOOKS - 1, Math.floor((ts - monthStart) / 86_400_000));
    const aaCalls = new Map<Situation, Array<{ d: number; success: boolean }>>();
    monthFacts.forEach((f, i) => {
      if (f.success === undefined || !f.opening || arms[i] !== undefined) return;
      const s = situationOf(f.opening.intent, f.opening.situation);
      const list = aaCalls.get(s) ?? [];
      list.push({ d: day(f.startedAt), success: f.success });
      aaCalls.set(s, list);
    });
    const splitRandom = new SeededRandom(seed * 7_919 + m);
    for (const [s, obs] of aaCalls) {
      for (let k = 0; k < AA_SPLITS; k++) {
        // Each day's counts per arm first (one pass over the calls), then the cumulative looks.
        const daily = Array.from({ length: AA_LOOKS }, () => ({ c: { users: 0, conversions: 0 }, t: { users: 0, conversions: 0 } }));
        for (const o of obs) {
          const arm = splitRandom.chance(0.5) ? daily[o.d]!.t : daily[o.d]!.c;
          arm.users++;
          if (o.success) arm.conversions++;
        }
        const c = { users: 0, conversions: 0 };
        const t = { users: 0, conversions: 0 };
        const looks: MonitorLook[] = [];
        for (let d = 0; d < AA_LOOKS; d++) {
          c.users += daily[d]!.c.users;
          c.conversions += daily[d]!.c.conversions;
          t.users += daily[d]!.t.users;
          t.conversions += daily[d]!.t.conversions;
          looks.push({ experiment: `aa-${m}-${s}-${k}`, look: d + 1, metric: 'binary', variants: [{ variant: 'control', ...c }, { variant: 'test', ...t }] });
        }
        if (c.users < 20 || t.users < 20) continue;
        aaTests++;
        if (monitorExperiments(looks)[0]!.decision !== 'continue') aaFalsePositives++;
      }
    }

    // Learn from this month: significant patterns become proposals (one experiment per situation).
    const scored = scorePatterns(counts);
    for (const p of scored) {
      const s = situationOf(p.intent, p.trigger);
      const seen = movesSeen.get(s) ?? [];
      if (!seen.includes(p.strategy as SampleStrategy)) movesSeen.set(s, [...seen, p.strategy as SampleStrategy].sort());
    }
    lastScreen = screen.look(scored);
    const significant = lastScreen.filter((p) => p.significant);
    if (m === 0) {
      recovery = scorePatternRecovery(significant, world.planted);
      for (const f of recovery.falsePositives) log(`  scoring: significant but not planted: ${f.intent}|${f.trigger} → ${f.strategy} (lift ${(100 * f.lift).toFixed(1)} pts)`);
    }
    // Strongest evidence first: a situation gets one experiment, for its clearest move (to make or to avoid).
    for (const p of [...significant].sort((a, b) => Math.abs(b.lift) - Math.abs(a.lift))) {
      const s = situationOf(p.intent, p.trigger);
      const avoid = p.lift < 0;
      const strategy = p.strategy as SampleStrategy;
      if (adopted.has(s) || avoided.get(s)?.has(strategy) || running.has(s) || rollouts.has(s) || rejected.has(proposalKey(s, strategy, avoid))) continue;
      experiments.run++;
      log(`  proposal ${s} → ${avoid ? 'avoid ' : ''}${strategy} (lift ${(100 * p.lift).toFixed(1)} pts): experiment next month\n`);
      running.set(s, { id: `exp-${m}-${s}${avoid ? '-avoid' : ''}`, situation: s, strategy, avoid, looks: [], control: { users: 0, conversions: 0 }, test: { users: 0, conversions: 0 } });
    }

    // Errors: the month's avoidance rules (learned from the calls observed) go to the hub; agents apply them.
    const learned = learner.finish();
    for (const rule of learned.rules) {
      if (sharedRules.has(rule.id)) continue;
      sharedRules.add(rule.id);
      rulesLearned++;
      log(`  avoidance rule: ${rule.text} (precision ${rule.precision.toFixed(2)}, support ${rule.support})`);
      const draft = ruleArtifactDraft(rule);
      await share({ artifactId: draft.artifactId, version: 1, kind: draft.payload.kind, title: draft.title, content: draft.payload });
    }
    await deliver();
    const row = computeKpis(monthFacts, 'month').rows.find((r) => r.key === monthKey);
    monthly.push({ month: monthKey, calls: monthFacts.length, successRate: row?.successRate ?? null, errors, repeatErrors: repeats, preventedErrors: prevented, plantedErrors, avertedErrors });
    log(`month ${monthKey}: ${monthFacts.length} calls, success ${((row?.successRate ?? 0) * 100).toFixed(1)} %, errors ${errors} (repeats ${repeats}, prevented ${prevented}), adopted ${adopted.size}, rolling out ${rollouts.size}, running ${running.size}, shared ${artifactsShared}${artifactsWithheld ? ` (${artifactsWithheld} refused)` : ''}\n`);
    yield { month: monthKey, facts: monthFacts };
  }

  await hub.close();
  const last = monthly[monthly.length - 1]!;
  const wouldHaveHappened = last.plantedErrors + last.avertedErrors;
  return {
    conversations,
    patternRecovery: {
      planted: recovery!.planted,
      found: recovery!.discovered,
      truePositives: recovery!.matched,
      precision: recovery!.precision,
      recall: recovery!.recall,
    },
    adoptedRecovery: (() => {
      const learnedMoves = [
        ...[...adopted].map(([sit, strategy]) => ({ situation: sit, strategy, lift: 1 })),
        ...[...avoided].flatMap(([sit, moves]) => [...moves].map((strategy) => ({ situation: sit, strategy, lift: -1 }))),
      ].map(({ situation, strategy, lift }) => {
        const [intent, trigger] = situation.split('|') as [string, string];
        return { intent, trigger, strategy, lift };
      });
      const r = scorePatternRecovery(learnedMoves, world.planted);
      return { planted: r.planted, found: r.discovered, truePositives: r.matched, precision: r.precision, recall: r.recall };
    })(),
    discoveredRecovery: (() => {
      const r = scorePatternRecovery(lastScreen.filter((p) => p.significant), world.planted);
      for (const f of r.falsePositives) log(`  scoring: significant by the last month but not planted: ${f.intent}|${f.trigger} → ${f.strategy} (lift ${(100 * f.lift).toFixed(1)} pts)`);
      return { planted: r.planted, found: r.discovered, truePositives: r.matched, precision: r.precision, recall: r.recall };
    })(),
    repeatErrorReduction: wouldHaveHappened > 0 ? last.avertedErrors / wouldHaveHappened : null,
    artifactsShared,
    artifactsApplied,
    rulesLearned,
    monthly,
    aaTests,
    aaFalsePositiveRate: aaTests ? aaFalsePositives / aaTests : null,
    experiments,
    adopted: Object.fromEntries(adopted),
    avoided: Object.fromEntries([...avoided].map(([k, v]) => [k, [...v].sort()])),
  };
}

/** An experiment's identity: its situation, its move, and whether the move is to be made or avoided. */
function proposalKey(situation: string, strategy: string, avoid: boolean): string {
  return `${situation}|${avoid ? '!' : ''}${strategy}`;
}

/** A shipped move (to make, or to avoid) as a one-bullet playbook artifact, the payload the hub adopts and agents apply. */
function moveArtifact(situation: string, strategy: string, use: boolean, hash: (text: string) => string): SharedArtifactPayload {
  const [intent, trigger] = situation.split('|') as [string, string];
  const bullet = {
    id: `pb-${hash(proposalKey(situation, strategy, !use)).slice(0, 12)}`,
    section: 'moves',
    text: `When a ${intent.replaceAll('_', ' ')} caller raises ${trigger.replaceAll('-', ' ')}, ${use ? 'use' : 'do not use'} ${strategy.replaceAll('-', ' ')}.`,
    helpful: 0,
    harmful: 0,
    provenance: { callIds: [], patternIds: [], fingerprints: [] },
    status: 'active',
    support: 0,
    cite: { kind: 'move', intent, trigger, strategy, use },
  };
  return { artifactId: `move:${proposalKey(situation, strategy, !use)}`, version: 1, kind: 'playbook', title: bullet.text, content: { kind: 'playbook', bullets: [bullet] } };
}
