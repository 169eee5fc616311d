// The agent side for bench/live.bench.ts, in its own process (as a real agent would be): replays the
// bench's generated calls, prints its URLs as one JSON line, and on "report" (stdin) prints the
// event → correction latencies it measured on its own clock.
import type { ConversationEvent } from '../src/engine/model';
import { ConversationEventSchema, assembleConversation } from '../src/engine/model';
import { iterateSampleCalls } from '../src/engine/samples';
import { startAgentServer } from '../src/node/agentServer';

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
