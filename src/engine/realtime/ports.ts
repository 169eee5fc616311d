/**
 * What the live client needs from its host, beyond the engine's ports: sockets and timers. The Node
 * side lives in src/node/liveTransports.ts (ws for WebSocket, http for SSE); the engine stays free of
 * Node built-ins.
 */

/** A text frame in either direction, as JSON text. */
export interface LiveConnection {
  /** Sends one client frame (hello, ack, correction). SSE maps ack/correction to POSTs. */
  send(frame: string): void;
  /** Stop delivering frames until `resume` (backpressure: the socket's TCP window then fills). */
  pause(): void;
  resume(): void;
  /**
   * Resolves once the frames sent so far have reached the agent (SSE: their POSTs are answered), so the final
   * ack of a run is delivered before the connection closes. Absent where `send` writes to the socket at once.
   */
  drain?(): Promise<void>;
  close(): void;
}

export interface LiveConnectionHandlers {
  onOpen(): void;
  /** One server frame as text (SSE messages are turned into the WebSocket frame shapes). */
  onFrame(text: string): void;
  /** The connection is gone (closed by either side or failed); `reason` for the log. */
  onClose(reason: string): void;
}

export interface LiveTransport {
  /** `lastEventId` is sent as `Last-Event-ID` by SSE; the WebSocket client sends it in hello. */
  connect(url: string, lastEventId: string | null, handlers: LiveConnectionHandlers): LiveConnection;
}

export interface TimerHandle {
  cancel(): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** A monotonic clock in ms with sub-millisecond resolution (performance.now), for latencies. */
  monotonicNow(): number;
}

/** A uniform random number in [0, 1): the jitter of the reconnect backoff. */
export type RandomSource = () => number;

/** Minimal HTTP for the publishers (Vapi, Retell, Kaizen endpoints). */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}
export interface HttpResponse {
  status: number;
  json: unknown;
}
export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}
