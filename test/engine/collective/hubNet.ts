import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ArtifactFrame, HubStore, SigningKey } from '../../../src/engine/collective';
import { HubSubscriber, openSqlHubStore, rollbackBytes } from '../../../src/engine/collective';
import { createNodePorts, nodeEd25519 } from '../../../src/node/nodePorts';
import { nodeTimers, wsTransport } from '../../../src/node/liveTransports';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-hub-'));
}

export function openHubStore(file?: string): Promise<HubStore> {
  return openSqlHubStore({ ports: createNodePorts(), path: file });
}

/** The hub's JSON answers, loosely: a test reads whichever fields the route returns. */
export interface HubJson {
  hash: string;
  status: string;
  signers: string[];
  quorum: number;
  applied: string[];
  error: { field: string; reason: string };
}

/**
 * One HTTP exchange on a fresh connection (node:http, no keep-alive pool): a test that restarts the hub on
 * the same port must not reuse a socket the old hub closed.
 */
function request(method: 'GET' | 'POST', url: string, body?: string): Promise<{ status: number; json: HubJson }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as HubJson });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function post(url: string, body: unknown): Promise<{ status: number; json: HubJson }> {
  return request('POST', url, typeof body === 'string' ? body : JSON.stringify(body));
}

export function get(url: string): Promise<{ status: number; json: HubJson }> {
  return request('GET', url);
}

export function rollbackSignature(hash: string, key: SigningKey): { keyId: string; sig: string } {
  return { keyId: key.keyId, sig: nodeEd25519.sign(key.privateKey, rollbackBytes(hash)) };
}

/** A subscribed agent that records every application (to check "once each, in order"). */
export interface TestAgent {
  subscriber: HubSubscriber;
  applied: ArtifactFrame[];
}

export function startAgent(url: string, agentId: string, random: () => number = Math.random): TestAgent {
  const applied: ArtifactFrame[] = [];
  const subscriber = new HubSubscriber({
    url,
    agentId,
    transport: wsTransport,
    timers: nodeTimers,
    random,
    backoff: { baseMs: 20, capMs: 200 },
    onApply: (frame) => applied.push(frame),
  });
  subscriber.start();
  return { subscriber, applied };
}
