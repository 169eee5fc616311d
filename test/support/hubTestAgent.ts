// An agent as the hub's wire contract describes it (WS /v1/hub): hello with the last event id it
// applied, artifact frames in log order, an `artifact.ack` per applied frame. It fails over to the next
// hub URL when its connection drops (a replica killed), resumes after its last id, and re-sends its acks
// on every (re)connect because an ack in flight to a dying replica may never have been stored
// (acks are idempotent on the hub). Every frame it receives is counted, so a test can tell a
// duplicate delivery from a single one.
import WebSocket from 'ws';

export interface AppliedArtifact {
  id: string;
  hash: string;
  action: string;
  receivedAt: number;
}

export interface HubTestAgentOptions {
  agentId: string;
  /** ws://host:port/v1/hub of each replica, tried in turn starting from the first. */
  urls: readonly string[];
  reconnectDelayMs?: number;
  /** Called on every applied frame, with performance.now() at arrival (bench). */
  onApplied?(a: AppliedArtifact): void;
}

export class HubTestAgent {
  readonly applied: AppliedArtifact[] = [];
  /** Frames received per hash+action, duplicates included. */
  readonly deliveries = new Map<string, number>();
  lastEventId: string | null = null;
  connections = 0;
  private socket: WebSocket | undefined;
  private urlIndex = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: HubTestAgentOptions) {}

  get agentId(): string {
    return this.options.agentId;
  }

  /** Resolves once the first hello is sent. */
  start(): Promise<void> {
    return new Promise((resolve) => this.connect(resolve));
  }

  hasApplied(hash: string, action = 'adopt'): boolean {
    return this.applied.some((a) => a.hash === hash && a.action === action);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const s = this.socket;
    if (!s || s.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      s.once('close', () => resolve());
      s.terminate();
    });
  }

  private connect(onOpen?: () => void): void {
    if (this.stopped) return;
    const url = this.options.urls[this.urlIndex % this.options.urls.length]!;
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('open', () => {
      this.connections++;
      socket.send(JSON.stringify({ type: 'hello', protocol: 1, role: 'agent', agentId: this.options.agentId, lastEventId: this.lastEventId }));
      for (const a of this.applied) socket.send(JSON.stringify({ type: 'artifact.ack', hash: a.hash, id: a.id, status: 'applied' }));
      onOpen?.();
      onOpen = undefined;
    });
    socket.on('message', (data: WebSocket.RawData) => {
      let frame: { type?: string; id?: string; hash?: string; action?: string };
      try {
        frame = JSON.parse(data.toString()) as typeof frame;
      } catch {
        return;
      }
      if (frame.type !== 'artifact' || typeof frame.id !== 'string' || typeof frame.hash !== 'string') return;
      const action = frame.action ?? 'adopt';
      const key = `${frame.hash}:${action}`;
      this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
      // Apply in log order, once: an id at or below the last applied one is a re-delivery.
      if (this.lastEventId !== null && Number(frame.id) <= Number(this.lastEventId)) return;
      const a: AppliedArtifact = { id: frame.id, hash: frame.hash, action, receivedAt: performance.now() };
      this.applied.push(a);
      this.lastEventId = frame.id;
      this.options.onApplied?.(a);
      socket.send(JSON.stringify({ type: 'artifact.ack', hash: frame.hash, id: frame.id, status: 'applied' }));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.stopped || this.socket !== socket) return;
      // This replica is gone (or never answered): the next one, after a short wait.
      this.urlIndex++;
      this.timer = setTimeout(() => this.connect(onOpen), this.options.reconnectDelayMs ?? 50);
    });
  }
}
