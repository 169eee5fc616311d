// The agents' side of the hub benchmarks, in a worker thread of its own (started by bench/hubAgents.ts),
// so the hub's event loop does nothing but the hub's work: frames cross real loopback sockets, and the
// agents parse, verify, apply and ack them on another thread, as agents on other machines would.
//   mode "hub":  HubSubscriber agents (verify: hash, trusted signatures, privacy; apply in log order; ack);
//                a sample is keyed by the applied envelope's hash.
//   mode "bare": plain `ws` clients that JSON.parse each frame; keyed by the frame's "round".
// Each agent stamps the moment it applied a frame on the process-wide monotonic clock
// (`process.hrtime`, CLOCK_MONOTONIC: the same clock on every thread, unlike each thread's
// performance.timeOrigin); once every agent of this worker has a key, the worker posts the stamps.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import type { TrustedKey } from '../src/engine/collective';
import { HubSubscriber, TrustSet, createEnvelopeVerifier } from '../src/engine/collective';
import { createComplianceValidator } from '../src/engine/privacy';
import { nodeTimers, wsTransport } from '../src/node/liveTransports';
import { nodeEd25519, nodeHashing } from '../src/node/nodePorts';
import type { AgentsWorkerData, AgentsWorkerMessage } from './hubAgents';

const data = workerData as AgentsWorkerData;
const port = parentPort!;
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const post = (m: AgentsWorkerMessage) => port.postMessage(m);

const stamps = new Map<string, number[]>();
function applied(key: string): void {
  const t = monotonicMs();
  let list = stamps.get(key);
  if (!list) stamps.set(key, (list = []));
  list.push(t);
  if (list.length === data.agents) {
    stamps.delete(key);
    post({ type: 'applied', key, at: list });
  }
}

const closers: (() => void)[] = [];
port.on('message', (m: { type: 'stop' }) => {
  if (m.type !== 'stop') return;
  for (const close of closers) close();
  post({ type: 'stopped' });
  port.close();
});

if (data.mode === 'bare') {
  let open = 0;
  for (let i = 0; i < data.agents; i++) {
    const ws = new WebSocket(data.urls[i % data.urls.length]!, { perMessageDeflate: false });
    ws.on('message', (raw) => applied(String((JSON.parse(raw.toString()) as { round: number }).round)));
    ws.once('open', () => {
      if (++open === data.agents) post({ type: 'ready' });
    });
    closers.push(() => ws.terminate());
  }
} else {
  // One verifier for the agents of this thread, as a host running many agents would share one.
  const verify = createEnvelopeVerifier({ trust: new TrustSet(data.trust as TrustedKey[]), validator: createComplianceValidator(), hashing: nodeHashing, ed25519: nodeEd25519 });
  let connected = 0;
  for (let i = 0; i < data.agents; i++) {
    const s = new HubSubscriber({
      url: data.urls[(data.firstAgent + i) % data.urls.length]!,
      agentId: `agent-${data.firstAgent + i}`,
      transport: wsTransport,
      timers: nodeTimers,
      random: Math.random,
      verify,
      onStatus: (status) => {
        if (status === 'connected' && ++connected === data.agents) post({ type: 'ready' });
      },
      onApply: (frame) => applied(frame.hash),
    });
    s.start();
    closers.push(() => s.stop());
  }
}
