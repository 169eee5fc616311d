import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  AckBodySchema,
  ClientFrameSchema,
  CorrectionReplySchema,
  ServerFrameSchema,
  WireCorrectionSchema,
  WireEventSchema,
  modelToWire,
  wireToModel,
} from '../../../src/engine/realtime';
import { ConversationEventSchema } from '../../../src/engine/model';

const DOC = path.join(__dirname, '../../../docs/agent-protocol.md');

const SCHEMAS: Record<string, z.ZodType> = {
  event: WireEventSchema,
  correction: WireCorrectionSchema,
  'client-frame': ClientFrameSchema,
  'server-frame': ServerFrameSchema,
  'ack-body': AckBodySchema,
  'correction-reply': CorrectionReplySchema,
};

function exampleBlocks(): { schema: string; text: string; line: number }[] {
  const lines = readFileSync(DOC, 'utf8').split('\n');
  const out: { schema: string; text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^```json (\S+)$/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j] !== '```'; j++) body.push(lines[j]!);
    out.push({ schema: m[1]!, text: body.join('\n'), line: i + 1 });
    i = j;
  }
  return out;
}

describe('docs/agent-protocol.md against the zod schemas', () => {
  const blocks = exampleBlocks();

  it('has examples of every wire shape', () => {
    assert.deepEqual([...new Set(blocks.map((b) => b.schema))].sort(), Object.keys(SCHEMAS).sort());
    const eventTypes = blocks.filter((b) => b.schema === 'event').map((b) => (JSON.parse(b.text) as { type: string }).type);
    assert.deepEqual(eventTypes.sort(), ['agent.error', 'call.ended', 'call.started', 'feedback', 'tool.called', 'tool.result', 'turn']);
  });

  for (const b of exampleBlocks()) {
    it(`line ${b.line}: the ${b.schema} example parses`, () => {
      const schema = SCHEMAS[b.schema];
      assert.ok(schema, `unknown schema name "${b.schema}" after \`\`\`json`);
      const r = schema.safeParse(JSON.parse(b.text));
      assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues));
      if (b.schema === 'server-frame' && (r.data as { type: string }).type === 'event') {
        assert.ok(WireEventSchema.safeParse((r.data as { event: unknown }).event).success);
      }
    });
  }

  it('every example event maps onto the model and back without loss', () => {
    for (const b of blocks.filter((x) => x.schema === 'event')) {
      const wire = WireEventSchema.parse(JSON.parse(b.text));
      const model = ConversationEventSchema.parse(wireToModel(wire));
      assert.equal(model.seq, wire.seq);
      assert.deepEqual(JSON.parse(JSON.stringify(modelToWire(model, wire.seq))), JSON.parse(b.text));
    }
  });

  it('refuses what the contract forbids, naming the field', () => {
    const bad = WireEventSchema.safeParse({ eventId: 'e', callId: 'c', agentId: 'a', seq: -1, ts: '2026-12-03T10:00:00Z', type: 'turn', role: 'user', text: 'x' });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error!.issues[0]!.path, ['seq']);
    assert.equal(ClientFrameSchema.safeParse({ type: 'hello', protocol: 2, lastEventId: null }).success, false);
    assert.equal(WireCorrectionSchema.safeParse({ correctionId: 'k', callId: 'c', basedOnEventId: 'e', text: 't', mode: 'loud' }).success, false);
  });
});
