import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import type { ConversationEvent } from '../engine/model';
import { CorrectionSchema } from '../engine/model';
import type { CorrectionStatus, WireEvent } from '../engine/realtime';
import { ClientFrameSchema, describeIssue, modelToWire } from '../engine/realtime';

/**
 * The agent side of the Kaizen protocol as a real peer (`kaizen serve`): replays recorded calls as a
 * live stream over WebSocket and SSE, applies corrections and published artifacts, and logs them.
 * Stream ids are positions in a schedule that depends only on the calls and options, so a restarted
 * server (same inputs) hands out the same ids and a client resumes across the restart.
 */
export interface ReplayFaults {
  /** Uniform [0,1) source, seeded by the tests. */
  random: () => number;
  /** Chance, per event frame, that the connection is cut (terminated) instead of sending it. */
  cutRate?: number;
  /** Share of event frames sent twice (the same frame again). */
  duplicateRate?: number;
  /** Share of events swapped with the next event of the same call in the schedule (out of `seq` order). */
  reorderRate?: number;
  /** Share of frames followed by a garbage frame (not JSON, or a frame of no known shape). */
  garbageRate?: number;
}

export interface AgentServerOptions {
  /** Each call's events in call order (as imported). */
  calls: readonly (readonly ConversationEvent[])[];
  /** Replay speed: 10 = ten times faster than recorded; 0 or Infinity = as fast as possible. */
  speed: number;
  /** Calls start this far apart (recorded time, divided by speed like everything else). Default 0: all at once. */
  staggerMs?: number;
  port?: number;
  host?: string;
  /** Hold a `tool.called` until a correction naming it or the ack covering it arrives (a cautious agent). */
  holdTools?: boolean;
  faults?: ReplayFaults;
  /** Every correction, artifact and stopped tool call, as it happens. */
  onLog?(entry: AgentLogEntry): void;
}

export type AgentLogEntry =
  | { kind: 'correction'; ts: string; correctionId: string; callId: string; basedOnEventId: string; status: CorrectionStatus; text: string; latencyMs?: number; stoppedTool?: string }
  | { kind: 'artifact'; ts: string; artifactId: string; version: number; liveVersion: number; rollback: boolean }
  | { kind: 'ack'; ts: string; lastEventId: string };

interface Scheduled {
  id: string;
  index: number;
  atMs: number;
  wire: WireEvent;
}

export interface AgentServer {
  urls: { stream: string; events: string; http: string };
  port: number;
  totalEvents: number;
  /** Event → correction latencies seen by the agent (ms, since the triggering event was sent). */
  correctionLatencies: number[];
  corrections: Map<string, CorrectionStatus>;
  /** Highest stream index acked by any client. */
  ackedIndex: number;
  artifacts: { artifactId: string; version: number; text: string; liveVersion: number }[];
  close(): Promise<void>;
}

export function buildSchedule(options: Pick<AgentServerOptions, 'calls' | 'speed' | 'staggerMs' | 'faults'>): Scheduled[] {
  const speed = options.speed > 0 && Number.isFinite(options.speed) ? options.speed : Infinity;
  const items: { atMs: number; call: number; seq: number; wire: WireEvent }[] = [];
  options.calls.forEach((events, call) => {
    const t0 = events[0]?.ts ?? 0;
    const start = (call * (options.staggerMs ?? 0)) / speed;
    events.forEach((e, seq) => {
      const at = speed === Infinity ? 0 : start + Math.max(0, e.ts - t0) / speed;
      items.push({ atMs: at, call, seq, wire: modelToWire(e, seq) });
    });
  });
  items.sort((a, b) => a.atMs - b.atMs || a.call - b.call || a.seq - b.seq);
  const reorder = options.faults?.reorderRate ?? 0;
  if (reorder > 0) {
    // Swap an event with the next one of its call: the stream then carries seq n+1 before n.
    const nextOfCall = new Map<number, number>();
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i]!;
      const next = nextOfCall.get(it.call);
      if (next !== undefined && options.faults!.random() < reorder) {
        const other = items[next]!;
        items[next] = { ...it, atMs: other.atMs };
        items[i] = { ...other, atMs: it.atMs };
      }
      nextOfCall.set(it.call, i);
    }
  }
  return items.map((it, index) => ({ id: String(index + 1), index, atMs: it.atMs, wire: it.wire }));
}

export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const schedule = buildSchedule(options);
  const byEventId = new Map<string, Scheduled>();
  const endOfCall = new Map<string, number>();
  for (const s of schedule) {
    byEventId.set(s.wire.eventId, s);
    if (s.wire.type === 'call.ended') endOfCall.set(s.wire.callId, s.index);
  }
  const started = performance.now();
  const sentAt = new Map<string, number>();
  const faults = options.faults;
  const log = (entry: AgentLogEntry) => options.onLog?.(entry);
  const sockets = new Set<WebSocket>();
  const responses = new Set<http.ServerResponse>();
  let highestSent = -1;
  const correctedEvents = new Set<string>();

  const state: AgentServer = {
    urls: { stream: '', events: '', http: '' },
    port: 0,
    totalEvents: schedule.length,
    correctionLatencies: [],
    corrections: new Map(),
    ackedIndex: -1,
    artifacts: [],
    close: async () => undefined,
  };

  const indexOf = (id: string | null | undefined): number => {
    if (id === null || id === undefined || id === '') return -1;
    const n = Number(id);
    return Number.isInteger(n) && n >= 1 && n <= schedule.length ? n - 1 : NaN;
  };

  const applyCorrection = (raw: unknown): { correctionId: string; status: CorrectionStatus } | { field: string; reason: string } => {
    const parsed = CorrectionSchema.safeParse(raw);
    if (!parsed.success) return describeIssue(parsed.error);
    const c = parsed.data;
    const previous = state.corrections.get(c.correctionId);
    if (previous) return { correctionId: c.correctionId, status: previous }; // a resend: same answer
    const based = byEventId.get(c.basedOnEventId);
    let status: CorrectionStatus;
    let stoppedTool: string | undefined;
    if (!based || based.wire.callId !== c.callId) status = 'rejected';
    else {
      const end = endOfCall.get(c.callId);
      const ended = end !== undefined && end <= highestSent && end !== based.index;
      const toolAlreadyRun = based.wire.type === 'tool.called' && state.ackedIndex >= based.index;
      status = ended || toolAlreadyRun ? 'expired' : 'applied';
      if (status === 'applied' && based.wire.type === 'tool.called') stoppedTool = based.wire.toolCallId;
    }
    state.corrections.set(c.correctionId, status);
    correctedEvents.add(c.basedOnEventId);
    const t = sentAt.get(c.basedOnEventId);
    const latencyMs = t === undefined ? undefined : performance.now() - t;
    if (latencyMs !== undefined && status !== 'rejected') state.correctionLatencies.push(latencyMs);
    log({ kind: 'correction', ts: new Date().toISOString(), correctionId: c.correctionId, callId: c.callId, basedOnEventId: c.basedOnEventId, status, text: c.text, latencyMs, ...(stoppedTool ? { stoppedTool } : {}) });
    return { correctionId: c.correctionId, status };
  };

  const applyAck = (id: string): boolean => {
    const i = indexOf(id);
    if (Number.isNaN(i)) return false;
    if (i > state.ackedIndex) {
      state.ackedIndex = i;
      log({ kind: 'ack', ts: new Date().toISOString(), lastEventId: id });
    }
    return true;
  };

  /** Drives one connection's replay from `from` (exclusive index). `write` returns false when the peer is slow. */
  const replay = (from: number, out: { write(frame: string, s?: Scheduled): void; slow(): boolean; end(lastId: string | null): void; cut(): void; alive(): boolean }) => {
    let next = from + 1;
    let heldTool: Scheduled | undefined;
    const pump = () => {
      if (!out.alive()) return;
      const now = performance.now() - started;
      while (next < schedule.length) {
        if (out.slow()) return void setTimeout(pump, 5);
        if (heldTool && state.ackedIndex < heldTool.index && !toolCorrected(heldTool)) return void setTimeout(pump, 1);
        heldTool = undefined;
        const s = schedule[next]!;
        if (s.atMs > now) return void setTimeout(pump, Math.max(1, s.atMs - now));
        if (faults?.cutRate && faults.random() < faults.cutRate) {
          out.cut();
          return;
        }
        sentAt.set(s.wire.eventId, performance.now());
        highestSent = Math.max(highestSent, s.index);
        out.write(JSON.stringify({ type: 'event', id: s.id, event: s.wire }), s);
        if (faults?.duplicateRate && faults.random() < faults.duplicateRate) out.write(JSON.stringify({ type: 'event', id: s.id, event: s.wire }), s);
        if (faults?.garbageRate && faults.random() < faults.garbageRate) out.write(faults.random() < 0.5 ? '{"type":"event","id":' : '{"type":"mystery","x":1}');
        next++;
        if (options.holdTools && s.wire.type === 'tool.called') heldTool = s;
      }
      out.end(schedule.length ? schedule[schedule.length - 1]!.id : null);
    };
    pump();
  };
  const toolCorrected = (s: Scheduled) => correctedEvents.has(s.wire.eventId);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/v1/events') {
      const from = indexOf(req.headers['last-event-id'] as string | undefined);
      if (Number.isNaN(from)) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ field: 'Last-Event-ID', reason: 'not a stream id of this server' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      // The client is connected once it has the headers, not at the first event (which may be scheduled later).
      res.flushHeaders();
      responses.add(res);
      let open = true;
      res.on('close', () => {
        open = false;
        responses.delete(res);
      });
      replay(from, {
        write: (frame, s) => {
          if (!s) res.write(`data: ${frame}\n\n`);
          else res.write(`id: ${s.id}\nevent: event\ndata: ${JSON.stringify(s.wire)}\n\n`);
        },
        slow: () => res.writableLength > 1 << 20,
        end: (lastId) => res.write(`event: end\ndata: ${JSON.stringify({ lastEventId: lastId })}\n\n`),
        cut: () => res.destroy(),
        alive: () => open,
      });
      return;
    }
    if (req.method === 'POST' && ['/v1/acks', '/v1/corrections', '/v1/artifacts'].includes(url.pathname)) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (body += d));
      req.on('end', () => {
        const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          return reply(400, { field: '(body)', reason: 'not JSON' });
        }
        if (url.pathname === '/v1/acks') {
          const id = (json as { lastEventId?: unknown }).lastEventId;
          return typeof id === 'string' && applyAck(id) ? reply(200, { ok: true }) : reply(400, { field: 'lastEventId', reason: 'not a stream id of this server' });
        }
        if (url.pathname === '/v1/corrections') {
          const r = applyCorrection(json);
          return 'status' in r ? reply(200, r) : reply(400, r);
        }
        return reply(...publishArtifact(state, json, log));
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/v1/artifacts') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(state.artifacts));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ field: 'path', reason: `no ${req.method} ${url.pathname}; see docs/agent-protocol.md` }));
  });

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/v1/stream') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    let started = false;
    let open = true;
    ws.on('close', () => {
      open = false;
      sockets.delete(ws);
    });
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ type: 'error', field: '(frame)', reason: 'not JSON' }));
        return;
      }
      const parsed = ClientFrameSchema.safeParse(json);
      if (!parsed.success) {
        ws.send(JSON.stringify({ type: 'error', ...describeIssue(parsed.error) }));
        return;
      }
      const f = parsed.data;
      if (f.type === 'hello') {
        const from = indexOf(f.lastEventId);
        if (Number.isNaN(from)) {
          ws.send(JSON.stringify({ type: 'error', field: 'lastEventId', reason: 'not a stream id of this server' }));
          return;
        }
        if (started) return;
        started = true;
        replay(from, {
          write: (frame) => ws.send(frame),
          slow: () => ws.bufferedAmount > 1 << 20,
          end: (lastId) => ws.send(JSON.stringify({ type: 'end', lastEventId: lastId })),
          cut: () => ws.terminate(),
          alive: () => open,
        });
      } else if (f.type === 'ack') {
        if (!applyAck(f.lastEventId)) ws.send(JSON.stringify({ type: 'error', field: 'lastEventId', reason: 'not a stream id of this server' }));
      } else {
        const r = applyCorrection(f.correction);
        ws.send(JSON.stringify('status' in r ? { type: 'correction.ack', ...r } : { type: 'error', field: `correction.${r.field}`, reason: r.reason }));
      }
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.urls = { stream: `ws://${host}:${port}/v1/stream`, events: `http://${host}:${port}/v1/events`, http: `http://${host}:${port}` };
  state.close = async () => {
    for (const s of sockets) s.terminate();
    for (const r of responses) r.destroy();
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}

/** `POST /v1/artifacts {artifactId, version, contentHash, text}` → a new live version (rollback = an older version again). */
function publishArtifact(state: AgentServer, json: unknown, log: (e: AgentLogEntry) => void): [number, unknown] {
  const body = json as { artifactId?: unknown; version?: unknown; text?: unknown };
  if (typeof body.artifactId !== 'string' || !body.artifactId) return [400, { field: 'artifactId', reason: 'required string' }];
  if (typeof body.version !== 'number' || !Number.isInteger(body.version)) return [400, { field: 'version', reason: 'required integer' }];
  if (typeof body.text !== 'string') return [400, { field: 'text', reason: 'required string' }];
  const rollback = state.artifacts.some((a) => a.artifactId === body.artifactId && a.version > (body.version as number));
  const liveVersion = state.artifacts.length + 1;
  state.artifacts.push({ artifactId: body.artifactId, version: body.version, text: body.text, liveVersion });
  log({ kind: 'artifact', ts: new Date().toISOString(), artifactId: body.artifactId, version: body.version, liveVersion, rollback });
  return [200, { liveVersion }];
}
