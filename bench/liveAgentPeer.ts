// The agent side for bench/live.bench.ts, in its own process (as a real agent would be): replays the
// bench's generated calls, prints its URLs as one JSON line, and on "report" (stdin) prints the
// event → correction latencies it measured on its own clock.
import type { ConversationEvent } from '../src/engine/model';
import { ConversationEventSchema, assembleConversation } from '../src/engine/model';
import { iterateSampleCalls } from '../src/engine/samples';
import { startAgentServer } from '../src/node/agentServer';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';

if (process.argv[2] === 'echo') echoPeer(Number(process.argv[3] ?? 3000));
else if (process.argv[2] === 'sse-echo') sseEchoPeer(Number(process.argv[3] ?? 3000));
else replayPeer();

/**
 * The SSE control: a bare `http` server that sends a small SSE message every 2 ms and times the client's
 * POST of it back — the floor of the SSE path (an event down the stream, a request up) with no Kaizen code.
 */
function sseEchoPeer(frames: number): void {
  const rtts: number[] = [];
  const sentAt = new Map<number, number>();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      let n = 0;
      const tick = setInterval(() => {
        if (n >= frames) return clearInterval(tick);
        sentAt.set(n, performance.now());
        res.write(`id: ${n}\nevent: event\ndata: ${n++}\n\n`);
      }, 2);
      req.on('close', () => clearInterval(tick));
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const t = sentAt.get(Number(body));
      if (t !== undefined) rtts.push(performance.now() - t);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (rtts.length === frames) {
        process.stdout.write(`${JSON.stringify({ rtts })}\n`);
        server.closeAllConnections();
        server.close();
      }
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`));
}

/**
 * The control: a bare `ws` server that sends a small frame every 2 ms and times the client's immediate
 * echo — the round trip two processes get on this machine right now, with no Kaizen code in it.
 */
function echoPeer(frames: number): void {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('listening', () => process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` })}\n`));
  wss.on('connection', (ws) => {
    const rtts: number[] = [];
    const sentAt = new Map<number, number>();
    ws.on('message', (d) => {
      const n = Number(d.toString());
      const t = sentAt.get(n);
      if (t !== undefined) rtts.push(performance.now() - t);
      if (rtts.length === frames) {
        process.stdout.write(`${JSON.stringify({ rtts })}\n`);
        ws.close();
        wss.close();
      }
    });
    let n = 0;
    const tick = setInterval(() => {
      if (n >= frames) return clearInterval(tick);
      sentAt.set(n, performance.now());
      ws.send(String(n++));
    }, 2);
  });
}

function replayPeer(): void {
const [count, seed, speed, stagger] = process.argv.slice(2).map(Number);
const calls: ConversationEvent[][] = [...iterateSampleCalls({ count, seed })].map((c) => assembleConversation(c.events.map((e) => ConversationEventSchema.parse(e))).events);
void (async () => {
  const server = await startAgentServer({ calls, speed: speed!, staggerMs: stagger });
  process.stdout.write(`${JSON.stringify(server.urls)}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => {
    if (!d.includes('report')) return;
    process.stdout.write(`${JSON.stringify({ latencies: server.correctionLatencies, acked: server.ackedIndex + 1, total: server.totalEvents })}\n`);
    void server.close().then(() => process.exit(0));
  });
})();
}
