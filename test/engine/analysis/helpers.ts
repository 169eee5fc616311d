import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConversationEventSchema } from '../../../src/engine/model';
import type { ConversationEvent } from '../../../src/engine/model';

export const FIXTURES = path.join(__dirname, '../../fixtures/analysis');

/** The fixture calls, parsed through the model schema (as ingest would), grouped by call. */
export function fixtureCalls(): Map<string, ConversationEvent[]> {
  const out = new Map<string, ConversationEvent[]>();
  for (const line of readFileSync(path.join(FIXTURES, 'calls.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = ConversationEventSchema.parse(JSON.parse(line));
    const list = out.get(e.callId) ?? [];
    list.push(e);
    out.set(e.callId, list);
  }
  return out;
}
