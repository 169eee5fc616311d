import './zodConfig';
import type { AppHandlerMap, HostToWebview, PublishingOnlyToWebview, WebviewApp, WebviewToHostInput } from '../../shared/protocol';
import { WebviewToHostSchema, dispatchIfHandled, parseHostMessage } from '../../shared/protocol';

/** The VS Code webview API; `acquireVsCodeApi` may be called once per page, so only this file calls it. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** Sends a message to the host; the message is checked against the same schema the host parses with. */
export function post(message: WebviewToHostInput): void {
  const parsed = WebviewToHostSchema.safeParse(message);
  if (!parsed.success) {
    console.error('kaizen webview: refusing to send an invalid message', parsed.error.issues);
    return;
  }
  vscode.postMessage(parsed.data);
}

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
 * Listens to host messages, drops what does not parse, dispatches the rest through an exhaustive
 * handler map, then says `ready` (the handshake: the host sends data only after it).
 */
export function connect(app: WebviewApp, handlers: AppHandlerMap<HostToWebview, PublishingOnlyToWebview>): void {
  window.addEventListener('message', (event: MessageEvent) => {
    receivedAt = performance.now();
    const parsed = parseHostMessage(event.data);
    if (!parsed.ok) {
      console.warn(`kaizen webview: dropped a host message (${parsed.reason})`);
      return;
    }
    void dispatchIfHandled(handlers, parsed.message);
  });
  post({ type: 'ready', app });
}

/** UI state only (selection, filters): data is always refetched from the host. */
export function loadUiState<T>(guard: (v: unknown) => v is T): T | undefined {
  const state = vscode.getState();
  return guard(state) ? state : undefined;
}
export function saveUiState(state: unknown): void {
  vscode.setState(state);
}
