import type { Correction } from '../../model';
import type { HttpClient, HttpResponse } from '../ports';

/**
 * Where an approved artifact goes live, and how a live call gets a correction, per platform.
 * Endpoints and fields follow ../shared/design/platform-formats.md and the platforms' public API
 * references (Vapi: add-message on call.monitor.controlUrl, assistant versioning; Retell:
 * update-retell-llm, publish-agent, update-phone-number, v2/update-live-call).
 */
export type PublishTargetKind = 'kaizen' | 'vapi' | 'retell';

export interface PublishTarget {
  kind: PublishTargetKind;
  /** API base URL (the Kaizen endpoint's http URL, https://api.vapi.ai, https://api.retellai.com, or a local fake). */
  url: string;
  apiKey?: string;
  /** Vapi assistant id. */
  assistantId?: string;
  /** Retell agent and its Retell LLM (the prompt lives on the LLM). */
  agentId?: string;
  llmId?: string;
  /** Retell: the phone number re-pointed to the published version (the rollback lever). */
  phoneNumber?: string;
}

export interface PublishInput {
  artifactId: string;
  version: number;
  contentHash: string;
  /** The prompt text that goes live (already passed the privacy gate). */
  text: string;
}

export interface PublishResult {
  /** The platform's own version id of what is now live. */
  liveVersion: string;
  /** The platform's response, for the journal. */
  detail: unknown;
}

export interface Publisher {
  readonly kind: PublishTargetKind;
  publish(input: PublishInput): Promise<PublishResult>;
  /** Makes an earlier platform version live again. */
  rollback(toLiveVersion: string, input: PublishInput): Promise<PublishResult>;
}

export class PublishError extends Error {
  constructor(
    message: string,
    readonly target: PublishTargetKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

function need(target: PublishTarget, field: keyof PublishTarget): string {
  const v = target[field];
  if (typeof v !== 'string' || !v) throw new PublishError(`--target ${target.kind} needs ${field} (e.g. --${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} …)`, target.kind);
  return v;
}

function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function call(http: HttpClient, target: PublishTarget, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<HttpResponse> {
  const headers: Record<string, string> = {};
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const url = path.startsWith('http') ? path : joinUrl(target.url, path);
  const res = await http.request({ method, url, headers, body });
  if (res.status < 200 || res.status >= 300) {
    throw new PublishError(`${target.kind}: ${method} ${url} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`, target.kind, res.status);
  }
  return res;
}

function versionOf(json: unknown, field: string, target: PublishTargetKind): string {
  const v = (json as Record<string, unknown> | undefined)?.[field];
  if (typeof v !== 'number' && typeof v !== 'string') throw new PublishError(`${target}: the reply has no ${field}`, target);
  return String(v);
}

/** A Kaizen-protocol agent (e.g. `kaizen serve`): POST /v1/artifacts. */
export function kaizenPublisher(http: HttpClient, target: PublishTarget): Publisher {
  const send = async (input: PublishInput) => {
    const res = await call(http, target, 'POST', '/v1/artifacts', input);
    return { liveVersion: versionOf(res.json, 'liveVersion', 'kaizen'), detail: res.json };
  };
  return { kind: 'kaizen', publish: send, rollback: (_to, input) => send(input) };
}

/**
 * Vapi: the system prompt is written to the assistant's draft (`PATCH /assistant/{id}` with
 * `model.messages`), the draft is published as a new version, and a rollback restores an earlier
 * version (which Vapi makes current at once). Docs: docs.vapi.ai/assistants/versioning.
 *
 * Sources checked (2026-12-03): `PATCH /assistant/{id}` is in the public API (VapiAI/server-sdk-ruby
 * `lib/vapi/assistants/client.rb` `update`, and platform-formats.md §1). The versioning pages
 * (docs.vapi.ai/assistants/versioning, …/versioning/versioning-assistants) describe publish and restore
 * as dashboard steps only, and that SDK's assistants client has no publish or version call (list, create,
 * get, update, delete). So `POST /assistant/{id}/publish` and `POST /assistant/{id}/version/{n}/restore`
 * are this project's assumption, mirrored by the loopback fake (test/fakes/platformFakes.ts); confirm them
 * against the live API before relying on them.
 */
export function vapiPublisher(http: HttpClient, target: PublishTarget): Publisher {
  const id = () => encodeURIComponent(need(target, 'assistantId'));
  return {
    kind: 'vapi',
    async publish(input) {
      await call(http, target, 'PATCH', `/assistant/${id()}`, { model: { messages: [{ role: 'system', content: input.text }] } });
      const res = await call(http, target, 'POST', `/assistant/${id()}/publish`, { name: `kaizen ${input.artifactId} v${input.version}`, description: input.contentHash });
      return { liveVersion: versionOf(res.json, 'version', 'vapi'), detail: res.json };
    },
    async rollback(toLiveVersion) {
      const res = await call(http, target, 'POST', `/assistant/${id()}/version/${encodeURIComponent(toLiveVersion)}/restore`, {});
      return { liveVersion: versionOf(res.json, 'version', 'vapi'), detail: res.json };
    },
  };
}

/**
 * Retell: the prompt lives on the Retell LLM (`PATCH /update-retell-llm/{llm_id}` `general_prompt`),
 * `POST /publish-agent/{agent_id}` freezes it as a version, and the phone number is re-pointed to that
 * version (`PATCH /update-phone-number/{number}` `inbound_agent_id` + `inbound_agent_version`); a rollback
 * re-points the number to an earlier version.
 */
export function retellPublisher(http: HttpClient, target: PublishTarget): Publisher {
  const repoint = async (version: string) => {
    const phone = need(target, 'phoneNumber');
    return call(http, target, 'PATCH', `/update-phone-number/${encodeURIComponent(phone)}`, {
      inbound_agent_id: need(target, 'agentId'),
      inbound_agent_version: Number(version),
    });
  };
  return {
    kind: 'retell',
    async publish(input) {
      await call(http, target, 'PATCH', `/update-retell-llm/${encodeURIComponent(need(target, 'llmId'))}`, { general_prompt: input.text });
      const agentId = encodeURIComponent(need(target, 'agentId'));
      await call(http, target, 'POST', `/publish-agent/${agentId}`, { version_title: `kaizen ${input.artifactId} v${input.version}` });
      const agent = await call(http, target, 'GET', `/get-agent/${agentId}`);
      // The published version is the one before the new draft the publish opened.
      const draft = Number(versionOf(agent.json, 'version', 'retell'));
      const live = String(draft - 1);
      const res = target.phoneNumber ? await repoint(live) : agent;
      return { liveVersion: live, detail: res.json };
    },
    async rollback(toLiveVersion) {
      const res = await repoint(toLiveVersion);
      return { liveVersion: toLiveVersion, detail: res.json };
    },
  };
}

export function publisherFor(http: HttpClient, target: PublishTarget): Publisher {
  if (target.kind === 'vapi') return vapiPublisher(http, target);
  if (target.kind === 'retell') return retellPublisher(http, target);
  return kaizenPublisher(http, target);
}

/** Vapi mid-call: `POST call.monitor.controlUrl` `add-message` (silent unless the correction asks to respond). */
export async function sendVapiCorrection(http: HttpClient, controlUrl: string, correction: Correction): Promise<void> {
  await call(http, { kind: 'vapi', url: controlUrl }, 'POST', controlUrl, {
    type: 'add-message',
    message: { role: 'system', content: correction.text },
    triggerResponseEnabled: correction.mode === 'respond',
  });
}

/** Retell mid-call: `PATCH /v2/update-live-call/{call_id}` with `call_control.additional_context`. */
export async function sendRetellCorrection(http: HttpClient, target: PublishTarget, correction: Correction): Promise<void> {
  await call(http, target, 'PATCH', `/v2/update-live-call/${encodeURIComponent(correction.callId)}`, {
    call_control: { additional_context: correction.text, trigger_response: correction.mode === 'respond' },
  });
}
