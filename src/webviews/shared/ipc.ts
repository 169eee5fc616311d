import './zodConfig';
import type { AnyWebviewProtocol, HandlerMap, ToHostInputOf, ToWebviewOf } from '../../shared/protocol';
import { dispatch, parseMessage } from '../../shared/protocol';

/** The VS Code webview API; `acquireVsCodeApi` may be called once per page, so only this file calls it. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

let receivedAt = 0;
/** When the message being handled arrived (before validation), for honest first-paint timing. */
export function messageReceivedAt(): number {
  return receivedAt;
}

let nextId = 1;
/** A fresh request id; the host echoes it in its `evidence` or `error` reply. */
export function newRequestId(): number {
  return nextId++;
}

/**
 * The messaging of one app, over its own protocol (core messages plus the app's): `post` checks a
 * message against the schema the host parses with; `connect` listens to host messages, drops what
 * does not parse, dispatches the rest through an exhaustive handler map, then says `ready` (the
 * handshake: the host sends data only after it).
 */
export function createIpc<P extends AnyWebviewProtocol>(protocol: P): {
  post(message: ToHostInputOf<P>): void;
  connect(handlers: HandlerMap<ToWebviewOf<P>>): void;
} {
  const post = (message: ToHostInputOf<P>): void => {
    const parsed = protocol.toHost.safeParse(message);
    if (!parsed.success) {
      console.error('kaizen webview: refusing to send an invalid message', parsed.error.issues);
      return;
    }
    vscode.postMessage(parsed.data);
  };
  const connect = (handlers: HandlerMap<ToWebviewOf<P>>): void => {
    window.addEventListener('message', (event: MessageEvent) => {
      receivedAt = performance.now();
      const parsed = parseMessage(protocol.toWebview, event.data);
      if (!parsed.ok) {
        console.warn(`kaizen webview: dropped a host message (${parsed.reason})`);
        return;
      }
      void dispatch(handlers, parsed.message as ToWebviewOf<P>);
    });
    post({ type: 'ready', app: protocol.app } as ToHostInputOf<P>);
  };
  return { post, connect };
}

/** UI state only (selection, filters): data is always refetched from the host. */
export function loadUiState<T>(guard: (v: unknown) => v is T): T | undefined {
  const state = vscode.getState();
  return guard(state) ? state : undefined;
}
export function saveUiState(state: unknown): void {
  vscode.setState(state);
}
