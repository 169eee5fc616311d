import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { HttpClient, LiveConnection, LiveConnectionHandlers, LiveTransport, Timers } from '../engine/realtime';
import type { ClientFrame } from '../engine/realtime';
import { SseParser } from '../engine/realtime';

export const nodeTimers: Timers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
  monotonicNow: () => performance.now(),
};

/** WebSocket transport (`ws`). Pausing stops reading the socket, so TCP flow control slows the sender. */
export const wsTransport: LiveTransport = {
  connect(url, _lastEventId, handlers) {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let closed = false;
    const close = (reason: string) => {
      if (closed) return;
      closed = true;
      handlers.onClose(reason);
    };
    socket.on('open', () => handlers.onOpen());
    socket.on('message', (data, isBinary) => {
      if (isBinary) handlers.onFrame('\u0000binary');
      else handlers.onFrame(data.toString());
    });
    socket.on('close', (code) => close(`closed (${code})`));
    socket.on('error', (err) => {
      close(err.message);
      socket.terminate();
    });
    return {
      send: (frame) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      },
      pause: () => socket.pause(),
      resume: () => socket.resume(),
      close: () => {
        closed = true;
        socket.close();
      },
    };
  },
};

/**
 * SSE transport: `GET <url>` with `Last-Event-ID`; acks and corrections become POSTs to `/v1/acks` and
 * `/v1/corrections` beside it, and a correction's reply is handed back as a `correction.ack` frame.
 */
export const sseTransport: LiveTransport = {
  connect(url, lastEventId, handlers: LiveConnectionHandlers): LiveConnection {
    const base = new URL(url);
    const lib = base.protocol === 'https:' ? https : http;
    let closed = false;
    let response: http.IncomingMessage | undefined;
    const close = (reason: string) => {
      if (closed) return;
      closed = true;
      handlers.onClose(reason);
    };
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId !== null) headers['last-event-id'] = lastEventId;
    const req = lib.get(base, { headers }, (res) => {
      response = res;
      if (res.statusCode !== 200) {
        res.resume();
        close(`HTTP ${res.statusCode}`);
        return;
      }
      handlers.onOpen();
      const parser = new SseParser();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        for (const m of parser.feed(chunk)) {
          if (m.event === 'event') handlers.onFrame(`{"type":"event","id":${JSON.stringify(m.id ?? '')},"event":${m.data}}`);
          else if (m.event === 'end') handlers.onFrame(endFrame(m.data));
          else handlers.onFrame(m.data);
        }
      });
      res.on('end', () => close('stream ended'));
      res.on('error', (err) => close(err.message));
    });
    req.on('error', (err) => close(err.message));
    // The connection's own keep-alive pool for its POSTs: a correction goes out on a warm socket (no TCP
    // handshake, no accept on the agent's loop) and never queues behind another session's requests.
    const agent = new lib.Agent({ keepAlive: true, scheduling: 'lifo', noDelay: true });
    let inFlight = 0;
    let drained: (() => void)[] = [];
    const targets = { acks: new URL('/v1/acks', base), corrections: new URL('/v1/corrections', base) };
    const post = (target: URL, body: unknown): Promise<unknown> => {
      inFlight++;
      return postOnce(target, body).finally(() => {
        inFlight--;
        settled();
      });
    };
    /** No POST in flight or waiting: `drain` resolves, and after close the pool's sockets go. */
    const settled = () => {
      if (inFlight > 0 || ackInFlight) return;
      // Idle sockets are unref'd and the agent closes them; after close, once the last POST is answered, at once.
      if (closed) agent.destroy();
      for (const resolve of drained) resolve();
      drained = [];
    };
    const postOnce = (target: URL, body: unknown, retried = false): Promise<unknown> => {
      const payload = Buffer.from(JSON.stringify(body));
      return new Promise<unknown>((resolve, reject) => {
        // Content-Length up front: headers and body leave in one write.
        const r = lib.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            try {
              resolve(text ? JSON.parse(text) : undefined);
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)));
            }
          });
        });
        r.on('error', (err: NodeJS.ErrnoException) => {
          // The agent closed the idle kept-alive socket just as it was reused (its keep-alive timeout): once more on a fresh one.
          if (r.reusedSocket && !retried && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) resolve(postOnce(target, body, true));
          else reject(err);
        });
        r.end(payload);
      });
    };
    // Acks are cumulative: one POST in flight at a time, and only the newest waiting one is sent next.
    let ackInFlight = false;
    let ackWaiting: string | undefined;
    const sendAck = (id: string) => {
      if (ackInFlight) {
        ackWaiting = id;
        return;
      }
      ackInFlight = true;
      void post(targets.acks, { lastEventId: id })
        .catch(() => undefined)
        .finally(() => {
          ackInFlight = false;
          const next = ackWaiting;
          ackWaiting = undefined;
          // Even after close: the newest ack still goes out (acks are idempotent), so the agent learns the final one.
          if (next !== undefined) sendAck(next);
          settled();
        });
    };
    return {
      send(frame) {
        if (closed) return;
        // The client's own frames (hello, ack, correction): mapped by type, not validated again per correction.
        const f = JSON.parse(frame) as ClientFrame;
        if (f.type === 'ack') sendAck(f.lastEventId);
        else if (f.type === 'correction') {
          void post(targets.corrections, f.correction)
            .then((reply) => {
              if (!closed) handlers.onFrame(JSON.stringify({ type: 'correction.ack', ...(reply as object) }));
            })
            .catch(() => undefined); // resent after the reconnect
        }
        // hello: SSE resumes with Last-Event-ID instead.
      },
      drain: () => (inFlight === 0 && !ackInFlight ? Promise.resolve() : new Promise<void>((resolve) => drained.push(resolve))),
      pause: () => response?.pause(),
      resume: () => response?.resume(),
      close() {
        closed = true;
        req.destroy();
        response?.destroy();
        // In-flight POSTs finish (the last ack still goes out); idle sockets close now.
        if (inFlight === 0) agent.destroy();
      },
    };
  },
};

/** Picks the transport from the URL: ws(s):// → WebSocket, http(s):// → SSE. */
export function transportFor(url: string): LiveTransport {
  const scheme = new URL(url).protocol;
  if (scheme === 'ws:' || scheme === 'wss:') return wsTransport;
  if (scheme === 'http:' || scheme === 'https:') return sseTransport;
  throw new Error(`--endpoint ${url}: use ws://host/v1/stream (WebSocket) or http://host/v1/events (SSE)`);
}

/** HTTP for the publishers, over Node's global fetch. */
export const nodeHttpClient: HttpClient = {
  async request(req) {
    const res = await fetch(req.url, {
      method: req.method,
      headers: { 'content-type': 'application/json', ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  },
};

/** An SSE `end` message as the WebSocket `end` frame (garbage stays garbage, so the client counts it). */
function endFrame(data: string): string {
  try {
    const body = JSON.parse(data) as unknown;
    return JSON.stringify({ type: 'end', ...(typeof body === 'object' && body !== null ? body : {}) });
  } catch {
    return data;
  }
}
