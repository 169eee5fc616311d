import { HubSubscriber, createEnvelopeVerifier, openSqlHubStore } from '../engine/collective';
import type { Envelope } from '../engine/collective';
import type { FleetHubFactory } from '../engine/pipeline';
import { createComplianceValidator } from '../engine/privacy';
import { startHub } from './hubServer';
import { nodeTimers, wsTransport } from './liveTransports';
import { createNodePorts } from './nodePorts';

/** How long one sync may wait for every agent to apply what the hub adopted (a loaded 2-core machine included). */
const SYNC_TIMEOUT_MS = 60_000;

/**
 * The fleet's hub as a real server on loopback (`kaizen serve --hub`'s `startHub` over an in-memory sql.js
 * store): envelopes are POSTed to /v1/artifacts, and every agent is a `HubSubscriber` on WS /v1/hub that
 * verifies each envelope (hash, trusted signatures, privacy), applies the frames in log order and acks
 * them. A sync waits until every agent applied every entry logged so far: the fleet never rolls back, so
 * after n adoptions the log's last id is n.
 */
export function loopbackFleetHub(options: { onLog?: (line: string) => void } = {}): FleetHubFactory {
  return async ({ trust, quorum, agentIds, clock }) => {
    const ports = createNodePorts();
    const hub = await startHub({ store: await openSqlHubStore({ ports }), quorum, trust, clock, host: '127.0.0.1', port: 0, closeStore: true });
    const validator = createComplianceValidator();
    const verify = createEnvelopeVerifier({ trust, validator, hashing: ports.hashing, ed25519: ports.ed25519! });
    const applied = agentIds.map(() => 0);
    const subscribers = agentIds.map(
      (agentId, i) =>
        new HubSubscriber({
          url: hub.url,
          agentId,
          transport: wsTransport,
          timers: nodeTimers,
          random: Math.random,
          verify,
          onApply: () => void applied[i]!++,
          onStatus: (status) => options.onLog?.(`  hub link ${agentId}: ${status}`),
        }),
    );
    for (const s of subscribers) s.start();
    let adopted = 0;
    let closed = false;
    return {
      submit: async (envelope: Envelope) => {
        const res = await fetch(`${hub.http}/v1/artifacts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
        const body = (await res.json()) as { status?: string; error?: { field: string; reason: string } };
        if (!res.ok) throw new Error(`hub refused (${res.status}) ${body.error?.field}: ${body.error?.reason}`);
        if (body.status === 'adopted') adopted++;
        return { status: body.status ?? 'unknown' };
      },
      sync: async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`agents did not apply the hub's ${adopted} entries within ${SYNC_TIMEOUT_MS / 1000} s`)), SYNC_TIMEOUT_MS);
        });
        try {
          await Promise.race([Promise.all(subscribers.map((s) => s.appliedThrough(adopted))), timeout]);
        } finally {
          clearTimeout(timer);
        }
        return subscribers.map((s, i) => ({ live: Object.keys(s.artifacts.liveVersions()).map((id) => s.artifacts.live(id)!), applied: applied[i]! }));
      },
      close: async () => {
        if (closed) return;
        closed = true;
        for (const s of subscribers) s.stop();
        await hub.close();
      },
    };
  };
}
