// Loopback fakes of the Vapi and Retell APIs, for the publisher tests and the end-to-end suite. Built
// from ../shared/design/platform-formats.md and the platforms' public references: request bodies are
// checked with zod the way the real APIs validate them (a wrong field is a 400 naming it), and the
// versioning state behaves as documented (Vapi: draft → publish → version history → restore makes a
// new current version; Retell: publishing freezes the current draft as a version and opens a new
// draft; a phone number points at an agent version). Run directly to serve both:
//   npx tsx test/fakes/platformFakes.ts   → prints {"vapi":"http://…","retell":"http://…"}
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

interface Route {
  method: string;
  pattern: RegExp;
  body?: z.ZodType;
  handle(match: RegExpExecArray, body: unknown): [number, unknown];
}

async function serve(routes: Route[], log: FakeRequest[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => {
      const reply = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      const url = new URL(req.url ?? '/', 'http://localhost');
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return reply(400, { message: 'body is not JSON' });
        }
      }
      log.push({ method: req.method ?? '', path: url.pathname, body });
      // A call's control URL is itself the credential (Vapi hands it out per call); the REST API needs a key.
      const isControlUrl = /^\/call\/[^/]+\/control$/.test(url.pathname);
      if (!isControlUrl && !/^Bearer \S+$/.test(req.headers.authorization ?? '')) return reply(401, { message: 'missing Authorization: Bearer <api key>' });
      for (const r of routes) {
        const m = r.method === req.method ? r.pattern.exec(url.pathname) : null;
        if (!m) continue;
        if (r.body) {
          const parsed = r.body.safeParse(body);
          if (!parsed.success) return reply(400, { message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        }
        return reply(...r.handle(m, body));
      }
      reply(404, { message: `no route ${req.method} ${url.pathname}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface VapiFake {
  url: string;
  requests: FakeRequest[];
  assistant: { id: string; draftPrompt: string; versions: { version: number; name?: string; prompt: string }[]; current: number };
  /** Messages added to live calls through their control URL. */
  liveMessages: { callId: string; content: string; triggerResponseEnabled: boolean }[];
  controlUrl(callId: string): string;
  close(): Promise<void>;
}

export async function startVapiFake(assistantId = 'asst_kaizen', initialPrompt = 'You are Acme support.'): Promise<VapiFake> {
  const requests: FakeRequest[] = [];
  const assistant: VapiFake['assistant'] = { id: assistantId, draftPrompt: initialPrompt, versions: [{ version: 1, name: 'initial', prompt: initialPrompt }], current: 1 };
  const liveMessages: VapiFake['liveMessages'] = [];
  const known = (id: string) => id === assistantId;
  const routes: Route[] = [
    {
      method: 'PATCH',
      pattern: /^\/assistant\/([^/]+)$/,
      body: z.object({ model: z.object({ messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1) }).passthrough() }).passthrough(),
      handle(m, body) {
        if (!known(m[1]!)) return [404, { message: 'assistant not found' }];
        const system = (body as { model: { messages: { role: string; content: string }[] } }).model.messages.find((x) => x.role === 'system');
        if (system) assistant.draftPrompt = system.content;
        return [200, { id: assistantId, model: { messages: [{ role: 'system', content: assistant.draftPrompt }] }, draft: true }];
      },
    },
    {
      method: 'POST',
      pattern: /^\/assistant\/([^/]+)\/publish$/,
      body: z.object({ name: z.string().optional(), description: z.string().optional() }),
      handle(m, body) {
        if (!known(m[1]!)) return [404, { message: 'assistant not found' }];
        const version = assistant.versions.length + 1;
        assistant.versions.push({ version, name: (body as { name?: string }).name, prompt: assistant.draftPrompt });
        assistant.current = version;
        return [201, { id: assistantId, version, current: true }];
      },
    },
    {
      method: 'GET',
      pattern: /^\/assistant\/([^/]+)\/versions$/,
      handle: (m) => (known(m[1]!) ? [200, assistant.versions.map((v) => ({ ...v, current: v.version === assistant.current }))] : [404, { message: 'assistant not found' }]),
    },
    {
      method: 'POST',
      pattern: /^\/assistant\/([^/]+)\/version\/(\d+)\/restore$/,
      handle(m) {
        if (!known(m[1]!)) return [404, { message: 'assistant not found' }];
        const from = assistant.versions.find((v) => v.version === Number(m[2]));
        if (!from) return [404, { message: `version ${m[2]} not found` }];
        // Restoring creates a new current version from the old configuration and drops the draft.
        const version = assistant.versions.length + 1;
        assistant.versions.push({ version, name: `restore of v${from.version}`, prompt: from.prompt });
        assistant.current = version;
        assistant.draftPrompt = from.prompt;
        return [201, { id: assistantId, version, restoredFrom: from.version, current: true }];
      },
    },
    {
      method: 'POST',
      pattern: /^\/call\/([^/]+)\/control$/,
      body: z.discriminatedUnion('type', [
        z.object({ type: z.literal('add-message'), message: z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string().min(1) }), triggerResponseEnabled: z.boolean().optional() }),
        z.object({ type: z.literal('say'), content: z.string().min(1) }),
      ]),
      handle(m, body) {
        const b = body as { type: string; message?: { content: string }; triggerResponseEnabled?: boolean; content?: string };
        liveMessages.push({ callId: m[1]!, content: b.message?.content ?? b.content ?? '', triggerResponseEnabled: b.triggerResponseEnabled ?? true });
        return [200, { ok: true }];
      },
    },
  ];
  const s = await serve(routes, requests);
  return { url: s.url, requests, assistant, liveMessages, controlUrl: (callId) => `${s.url}/call/${callId}/control`, close: s.close };
}

export interface RetellFake {
  url: string;
  requests: FakeRequest[];
  llm: { id: string; generalPrompt: string };
  agent: { id: string; version: number; published: { version: number; prompt: string; title?: string }[] };
  phone: { number: string; agentId?: string; agentVersion?: number };
  liveContext: { callId: string; additionalContext: string; triggerResponse: boolean }[];
  close(): Promise<void>;
}

export async function startRetellFake(ids = { agentId: 'agent_kaizen', llmId: 'llm_kaizen', phoneNumber: '+14155550100' }, initialPrompt = 'You are Acme support.'): Promise<RetellFake> {
  const requests: FakeRequest[] = [];
  const llm = { id: ids.llmId, generalPrompt: initialPrompt };
  const agent: RetellFake['agent'] = { id: ids.agentId, version: 0, published: [] };
  const phone: RetellFake['phone'] = { number: ids.phoneNumber, agentId: ids.agentId };
  const liveContext: RetellFake['liveContext'] = [];
  const routes: Route[] = [
    {
      method: 'PATCH',
      pattern: /^\/update-retell-llm\/([^/]+)$/,
      body: z.object({ general_prompt: z.string().min(1) }).passthrough(),
      handle(m, body) {
        if (m[1] !== llm.id) return [404, { message: 'retell llm not found' }];
        llm.generalPrompt = (body as { general_prompt: string }).general_prompt;
        return [200, { llm_id: llm.id, general_prompt: llm.generalPrompt, version: agent.version }];
      },
    },
    {
      method: 'POST',
      pattern: /^\/publish-agent\/([^/]+)$/,
      body: z.object({ version_title: z.string().optional() }).optional(),
      handle(m, body) {
        if (m[1] !== agent.id) return [404, { message: 'agent not found' }];
        // The draft becomes a published version; a new draft (version + 1) opens.
        agent.published.push({ version: agent.version, prompt: llm.generalPrompt, title: (body as { version_title?: string } | undefined)?.version_title });
        agent.version++;
        return [200, {}];
      },
    },
    {
      method: 'GET',
      pattern: /^\/get-agent\/([^/]+)$/,
      handle: (m) => (m[1] === agent.id ? [200, { agent_id: agent.id, version: agent.version, is_published: false, response_engine: { type: 'retell-llm', llm_id: llm.id } }] : [404, { message: 'agent not found' }]),
    },
    {
      method: 'PATCH',
      pattern: /^\/update-phone-number\/([^/]+)$/,
      body: z.object({ inbound_agent_id: z.string().nullable().optional(), inbound_agent_version: z.number().int().nonnegative().optional(), nickname: z.string().optional() }),
      handle(m, body) {
        if (decodeURIComponent(m[1]!) !== phone.number) return [404, { message: 'phone number not found' }];
        const b = body as { inbound_agent_id?: string; inbound_agent_version?: number };
        if (b.inbound_agent_version !== undefined && !agent.published.some((v) => v.version === b.inbound_agent_version)) {
          return [400, { message: `inbound_agent_version: version ${b.inbound_agent_version} of ${agent.id} is not published` }];
        }
        if (b.inbound_agent_id !== undefined) phone.agentId = b.inbound_agent_id;
        if (b.inbound_agent_version !== undefined) phone.agentVersion = b.inbound_agent_version;
        return [200, { phone_number: phone.number, inbound_agent_id: phone.agentId, inbound_agent_version: phone.agentVersion }];
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/v2\/update-live-call\/([^/]+)$/,
      body: z.object({
        call_control: z.object({ additional_context: z.string().min(1).optional(), trigger_response: z.boolean().optional() }).optional(),
        fields_to_override: z.object({ override_dynamic_variables: z.record(z.string(), z.string()).optional() }).optional(),
      }),
      handle(m, body) {
        const cc = (body as { call_control?: { additional_context?: string; trigger_response?: boolean } }).call_control;
        if (cc?.additional_context) liveContext.push({ callId: m[1]!, additionalContext: cc.additional_context, triggerResponse: cc.trigger_response ?? false });
        return [200, { call_id: m[1] }];
      },
    },
  ];
  const s = await serve(routes, requests);
  return { url: s.url, requests, llm, agent, phone, liveContext, close: s.close };
}

if (require.main === module) {
  void (async () => {
    const vapi = await startVapiFake();
    const retell = await startRetellFake();
    console.log(JSON.stringify({ vapi: vapi.url, retell: retell.url }));
  })();
}
