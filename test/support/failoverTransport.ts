// What a load balancer in front of hub replicas does for an agent: each (re)connect goes to the next
// replica in turn, so an agent whose replica died lands on a live one and resumes there. The agent's own
// reconnect, resume and dedupe logic (HubSubscriber) is the real one; only the address changes.
import type { LiveTransport } from '../../src/engine/realtime';

export interface FailoverTransport extends LiveTransport {
  /** The replica URL each connect went to, in order. */
  readonly history: string[];
}

export function failoverTransport(base: LiveTransport, urls: readonly string[], start = 0): FailoverTransport {
  let next = start;
  const history: string[] = [];
  return {
    history,
    connect(_url, lastEventId, handlers) {
      const url = urls[next % urls.length]!;
      next++;
      history.push(url);
      return base.connect(url, lastEventId, handlers);
    },
  };
}
