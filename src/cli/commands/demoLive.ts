import type { Correction } from '../../engine/model';
import { LatencyRecorder } from '../../engine/realtime';
import type { LiveSummary } from '../../engine/realtime';
import type { Workspace } from '../../engine/workspace';
import { startAgentServer } from '../../node/agentServer';
import { nodeLiveHost } from '../../node/liveHost';
import type { CliContext } from '../context';
import { readCalls } from './live';

/** How many of the demo's calls are replayed live, and how much faster than recorded (a call lasts 30–120 s). */
export const DEMO_LIVE_CALLS = 40;
export const DEMO_LIVE_SPEED = 100;

export interface DemoLiveCorrection {
  callId: string;
  /** The rule or pattern the correction cites (`pattern:<intent>|<situation>|<move>`, an avoidance rule id, a user rule). */
  ruleId: string | null;
  fingerprint: string | null;
  text: string;
  status: string;
  /** Event → correction, as the agent measured it (from sending the event to receiving the correction), ms. */
  latencyMs: number | null;
  stoppedTool: string | null;
}

export interface DemoLiveResult {
  calls: number;
  events: number;
  speed: number;
  stream: string;
  rules: { total: number; patterns: number; avoidance: number };
  corrections: DemoLiveCorrection[];
  /** Event → correction over the sockets, measured by the agent. */
  latencyMs: { p50: number; p99: number };
  client: Pick<LiveSummary, 'received' | 'stored' | 'duplicatesDropped' | 'conflicts' | 'rejected' | 'decisionMs' | 'roundTripMs'> & { sent: number; applied: number };
  seconds: number;
}

/**
 * The live path on the demo's own calls: the agent peer of `kaizen serve` (the same server, real loopback
 * sockets) replays some of them at `speed`× while the live client `kaizen live` runs — composed by the
 * workspace, with the rules and patterns the demo just learned — streams them into the store and sends
 * corrections, each printed as the agent receives it. The replayed calls are already stored, so nothing
 * is stored twice.
 */
export async function runDemoLive(options: {
  ctx: CliContext;
  workspace: Workspace;
  callsFile: string;
  calls?: number;
  speed?: number;
  onCorrection?: (c: DemoLiveCorrection) => void;
}): Promise<DemoLiveResult> {
  const { ctx } = options;
  const speed = options.speed ?? DEMO_LIVE_SPEED;
  const calls = (await readCalls(ctx, [options.callsFile])).slice(0, options.calls ?? DEMO_LIVE_CALLS);
  const sent = new Map<string, Correction>();
  const corrections: DemoLiveCorrection[] = [];
  const latency = new LatencyRecorder();
  const t0 = performance.now();
  const server = await startAgentServer({
    calls,
    speed,
    port: 0,
    host: '127.0.0.1',
    holdTools: true,
    onLog: (entry) => {
      if (entry.kind !== 'correction') return;
      const c = sent.get(entry.correctionId);
      if (entry.latencyMs !== undefined && entry.status !== 'rejected') latency.record(entry.latencyMs);
      const arrived: DemoLiveCorrection = {
        callId: entry.callId,
        ruleId: c?.ruleId ?? null,
        fingerprint: c?.fingerprint ?? null,
        text: entry.text,
        status: entry.status,
        latencyMs: entry.latencyMs ?? null,
        stoppedTool: entry.stoppedTool ?? null,
      };
      corrections.push(arrived);
      options.onCorrection?.(arrived);
    },
  });
  try {
    let rules = { total: 0, patterns: 0, avoidance: 0 };
    const session = await options.workspace.live({
      url: server.urls.stream,
      host: nodeLiveHost,
      untilEnd: true,
      // The replayed calls are stored already (imported, with fields the wire does not carry): the store
      // keeps them as they were and the client counts them as conflicts, summarised below, not one warning a call.
      logger: {
        ...ctx.ports.logger,
        warn: (message, data) => {
          if (!message.includes('stored call differs')) ctx.ports.logger.warn(message, data);
        },
      },
      onRelearned: (r) => (rules = { total: r.rules, patterns: r.patternRules, avoidance: r.avoidanceRules }),
      // Sent before the frame leaves this process, so the agent's log entry can name the rule it cites.
      onCorrection: (c, status) => {
        if (status === 'sent') sent.set(c.correctionId, c);
      },
    });
    const summary = await session.run();
    return {
      calls: calls.length,
      events: server.totalEvents,
      speed,
      stream: server.urls.stream,
      rules,
      corrections,
      latencyMs: latency.summary(),
      client: {
        received: summary.received,
        stored: summary.stored,
        duplicatesDropped: summary.duplicatesDropped,
        conflicts: summary.conflicts,
        rejected: summary.rejected,
        decisionMs: summary.decisionMs,
        roundTripMs: summary.roundTripMs,
        sent: summary.corrections.sent,
        applied: summary.corrections.applied,
      },
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await server.close();
  }
}

/** One line per correction as it arrives at the agent. */
export function demoLiveCorrectionLine(c: DemoLiveCorrection): string {
  const latency = c.latencyMs === null ? '' : `${c.latencyMs.toFixed(1).padStart(6)} ms `;
  const cites = c.ruleId ?? c.fingerprint ?? 'rule';
  return `    ${latency}${c.callId} ${c.status}${c.stoppedTool ? ` (held tool ${c.stoppedTool} stopped)` : ''} · ${cites}: ${c.text}`;
}

export function demoLiveLines(r: DemoLiveResult): string[] {
  const byRule = new Map<string, number>();
  for (const c of r.corrections) byRule.set(c.ruleId ?? 'rule', (byRule.get(c.ruleId ?? 'rule') ?? 0) + 1);
  const applied = r.corrections.filter((c) => c.status === 'applied').length;
  return [
    `  live       \`kaizen serve\` replayed ${r.calls} of these calls (${r.events} events) at ${r.speed}× over ${r.stream}; \`kaizen live\` with the ${r.rules.total} learned rules ` +
      `(${r.rules.patterns} from patterns, ${r.rules.avoidance} avoidance rules) sent ${r.client.sent} corrections, ${applied} applied by the agent, in ${r.seconds.toFixed(1)} s`,
    `             event → correction over the socket p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms (agent-measured); decision p99 ${r.client.decisionMs.p99.toFixed(2)} ms; ` +
      `${r.client.received} events received, ${r.client.stored} stored new; ${r.client.conflicts} calls were stored already and kept as imported`,
    ...[...byRule].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([rule, n]) => `    ×${n}  ${rule}`),
  ];
}
