import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import type { AppendedAdoption, ArtifactFrame, HubStore, TrustSet } from '../engine/collective';
import { CollectiveRefusal, HUB_PROTOCOL, HubService } from '../engine/collective';
import type { Clock } from '../engine/ports';
import { systemClock } from '../engine/ports';
import type { ComplianceValidator } from '../engine/privacy';
import { createComplianceValidator } from '../engine/privacy';
import { nodeEd25519, nodeHashing } from './nodePorts';

/** Faults injected into the artifact frames a hub sends (tests only): the agents must still apply each entry once. */
export interface HubFaults {
  /** Uniform [0,1) source, seeded by the tests. */
  random: () => number;
  /** Chance, per artifact frame, that the connection is cut (terminated) instead of sending it. */
  cutRate?: number;
  /** Share of frames sent twice. */
  duplicateRate?: number;
  /** Share of frames held back and sent after the next one. */
  reorderRate?: number;
}

export interface StartHubOptions {
  /** Where everything lives; the hub keeps no state of its own besides live connections (replicas share it). */
  store: HubStore;
  /** Distinct trusted signers needed for adoption. */
  quorum: number;
  trust: TrustSet;
  port?: number;
  host?: string;
  validator?: ComplianceValidator;
  clock?: Clock;
  faults?: HubFaults;
  /** Close the store with the hub (the CLI does; replicas sharing a store do not). */
  closeStore?: boolean;
  /** Every hub event worth a log line (refusals, connections). */
  onLog?(entry: { kind: string; [key: string]: unknown }): void;
}

export interface RunningHub {
  /** ws://host:port/v1/hub */
  url: string;
  /** http://host:port (POST /v1/artifacts, GET /v1/artifacts/<hash>) */
  http: string;
  port: number;
  service: HubService;
  /** Live agent connections (after hello). */
  agents(): number;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
/** Frames go out as text frames (agents read JSON text), from bytes serialised once. */
const TEXT = { binary: false } as const;

interface AgentConnection {
  ws: WebSocket;
  agentId: string;
  /** The last log cursor sent on this connection. */
  sent: number;
  /** A frame held back by the reorder fault. */
  held?: Buffer;
}

/**
 * The collective's hub (`kaizen serve --hub`): WS /v1/hub streams adopted artifacts (and rollbacks) to
 * agents from the store's adoption log, resuming after an agent's lastEventId; HTTP takes envelopes,
 * signatures and rollbacks and answers an artifact's status with the agents that applied it. Refusals are
 * 4xx `{"error":{"field","reason"}}`. Every decision goes through HubService over the HubStore, so any
 * number of replicas can share one store.
 */
export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const service = new HubService({
    store: options.store,
    quorum: options.quorum,
    trust: options.trust,
    validator: options.validator ?? createComplianceValidator(),
    hashing: nodeHashing,
    ed25519: nodeEd25519,
    clock: options.clock ?? systemClock,
  });
  const log = options.onLog ?? (() => undefined);
  const agents = new Set<AgentConnection>();
  const sockets = new Set<WebSocket>();

  const reply = (res: http.ServerResponse, status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  const refuse = (res: http.ServerResponse, err: unknown) => {
    if (err instanceof CollectiveRefusal) {
      log({ kind: 'refused', field: err.field, reason: err.reason });
      return reply(res, err.status, err.toJSON());
    }
    log({ kind: 'error', message: String(err) });
    return reply(res, 500, { error: { field: '(hub)', reason: (err as Error).message ?? String(err) } });
  };

  const readJson = (req: http.IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          reject(new CollectiveRefusal('(body)', `larger than ${MAX_BODY} bytes`, 413));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new CollectiveRefusal('(body)', 'not JSON', 400));
        }
      });
      req.on('error', reject);
    });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean);
    void (async () => {
      try {
        if (url.pathname === '/v1/stats' && req.method === 'POST') return reply(res, 200, await service.submitStats(await readJson(req)));
        if (url.pathname === '/v1/stats' && req.method === 'GET') return reply(res, 200, await service.stats());
        if (parts[0] !== 'v1' || parts[1] !== 'artifacts') {
          if (req.method === 'GET' && url.pathname === '/v1/hub') return reply(res, 200, { protocol: HUB_PROTOCOL, quorum: service.quorum, trusted: options.trust.list().map((k) => k.keyId), agents: agents.size });
          throw new CollectiveRefusal('path', `no ${req.method} ${url.pathname} (POST /v1/artifacts, POST /v1/artifacts/<hash>/signatures, GET /v1/artifacts/<hash>, POST|GET /v1/stats, WS /v1/hub)`, 404);
        }
        if (req.method === 'POST' && parts.length === 2) return reply(res, 200, await service.submit(await readJson(req)));
        if (req.method === 'POST' && parts.length === 4 && parts[3] === 'signatures') return reply(res, 200, await service.sign(parts[2]!, await readJson(req)));
        if (req.method === 'POST' && parts.length === 4 && parts[3] === 'rollback') return reply(res, 200, await service.rollback(parts[2]!, await readJson(req)));
        if (req.method === 'GET' && parts.length === 3) {
          const status = await service.status(parts[2]!);
          return reply(res, 200, { ...status, applied: await service.applied(parts[2]!) });
        }
        throw new CollectiveRefusal('path', `no ${req.method} ${url.pathname}`, 404);
      } catch (err) {
        refuse(res, err);
      }
    })();
  });

  /** Sends one frame's bytes (serialised once for every connection); false when a fault cut the connection instead. */
  const send = (conn: AgentConnection, bytes: Buffer): boolean => {
    const f = options.faults;
    if (f && f.random() < (f.cutRate ?? 0)) {
      agents.delete(conn);
      conn.ws.terminate();
      return false;
    }
    if (f && conn.held === undefined && f.random() < (f.reorderRate ?? 0)) {
      conn.held = bytes;
      return true;
    }
    conn.ws.send(bytes, TEXT);
    if (f && f.random() < (f.duplicateRate ?? 0)) conn.ws.send(bytes, TEXT);
    if (conn.held !== undefined) {
      conn.ws.send(conn.held, TEXT);
      conn.held = undefined;
    }
    return true;
  };

  /**
   * The send path of an adoption this replica's store just announced with its predecessor: the frame is
   * built and serialised once and the same bytes go to every connection standing at the predecessor,
   * with no store read in between. Connections anywhere else are left to the pump.
   */
  const broadcast = async (appended: AppendedAdoption): Promise<void> => {
    const bytes = Buffer.from(JSON.stringify(await service.frameOf(appended)));
    const { entry, prev } = appended;
    let behind = false;
    for (const conn of agents) {
      if (conn.sent === prev) {
        if (send(conn, bytes)) conn.sent = entry.cursor;
        // As in the pump: a frame the reorder fault held goes out after the next one, never later.
        if (conn.held !== undefined && agents.has(conn)) {
          conn.ws.send(conn.held, TEXT);
          conn.held = undefined;
        }
      } else if (conn.sent < entry.cursor) behind = true;
    }
    if (behind) void pump();
  };

  let pumping = false;
  let again = false;
  /**
   * Sends every log entry each connection has not had yet. Connections at the same cursor share one read
   * of the log and one serialisation of each frame, so an adoption costs one store read however many
   * agents listen. One pump runs at a time; a notification during it runs it again.
   */
  const pump = async (): Promise<void> => {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        for (let progressed = true; progressed; ) {
          progressed = false;
          const groups = new Map<number, AgentConnection[]>();
          for (const conn of agents) {
            const group = groups.get(conn.sent);
            if (group) group.push(conn);
            else groups.set(conn.sent, [conn]);
          }
          for (const [after, conns] of groups) {
            const frames: ArtifactFrame[] = await service.framesAfter(after);
            if (frames.length === 0) continue;
            progressed = true;
            const texts = frames.map((f) => Buffer.from(JSON.stringify(f)));
            for (const conn of conns) {
              if (!agents.has(conn) || conn.sent !== after) continue;
              for (let i = 0; i < frames.length; i++) {
                if (!send(conn, texts[i]!)) break;
                conn.sent = Number(frames[i]!.id);
              }
              if (conn.held !== undefined && agents.has(conn)) {
                conn.ws.send(conn.held, TEXT);
                conn.held = undefined;
              }
            }
          }
        }
      } while (again);
    } catch (err) {
      log({ kind: 'error', message: `pump: ${String(err)}` });
      // A store failure: agents reconnect and resume from their own cursor.
      for (const conn of agents) conn.ws.terminate();
      agents.clear();
    } finally {
      pumping = false;
    }
  };

  const unsubscribe = options.store.onAdoption((_cursor, appended) => {
    if (appended === undefined) return void pump();
    broadcast(appended).catch((err: unknown) => {
      log({ kind: 'error', message: `broadcast: ${String(err)}` });
      void pump();
    });
  });

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_BODY });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/v1/hub') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    let conn: AgentConnection | undefined;
    ws.on('close', () => {
      sockets.delete(ws);
      if (conn) agents.delete(conn);
    });
    ws.on('error', () => undefined);
    const error = (field: string, reason: string) => ws.send(JSON.stringify({ type: 'error', error: { field, reason } }));
    ws.on('message', (data) => {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(data.toString()) as Record<string, unknown>;
        if (typeof json !== 'object' || json === null) throw new Error('not an object');
      } catch {
        return error('(frame)', 'not a JSON object');
      }
      if (json.type === 'hello') {
        if (json.protocol !== HUB_PROTOCOL) return error('protocol', `this hub speaks protocol ${HUB_PROTOCOL}`);
        if (json.role !== 'agent') return error('role', 'must be "agent"');
        if (typeof json.agentId !== 'string' || !json.agentId || json.agentId.length > 200) return error('agentId', 'a non-empty string of at most 200 characters');
        const last = json.lastEventId;
        const after = last === null || last === undefined ? 0 : Number(last);
        if (!Number.isInteger(after) || after < 0) return error('lastEventId', 'an id from an artifact frame of this hub, or null');
        if (conn) return error('type', 'hello was already sent on this connection');
        conn = { ws, agentId: json.agentId, sent: after };
        agents.add(conn);
        log({ kind: 'agent', agentId: conn.agentId, lastEventId: after });
        void pump();
        return;
      }
      if (json.type === 'artifact.ack') {
        if (!conn) return error('type', 'send hello first');
        if (typeof json.hash !== 'string' || !/^[0-9a-f]{64}$/.test(json.hash)) return error('hash', 'the hash of the artifact applied (64 hex digits)');
        if (json.status !== 'applied') return error('status', 'must be "applied"');
        const action = json.action === 'rollback' ? 'rollback' : 'adopt';
        const agentId = conn.agentId;
        void service.ack(json.hash, agentId, action).catch((err: unknown) => log({ kind: 'error', message: `ack from ${agentId}: ${String(err)}` }));
        return;
      }
      return error('type', 'expected hello or artifact.ack');
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `ws://${shownHost}:${port}/v1/hub`,
    http: `http://${shownHost}:${port}`,
    port,
    service,
    agents: () => agents.size,
    close: async () => {
      unsubscribe();
      agents.clear();
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.closeStore) await options.store.close();
    },
  };
}
