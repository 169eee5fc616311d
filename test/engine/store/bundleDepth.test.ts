import assert from 'node:assert/strict';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { ConversationEvent } from '../../../src/engine/model';
import { assembleConversation } from '../../../src/engine/model';
import { BundleError, openSqlStore } from '../../../src/engine/store';
import { createNodePorts } from '../../../src/node/nodePorts';

describe('store: a bundle record nested thousands deep (checksums recomputed) is refused by name, not by a stack overflow', () => {
  it('names the section, the record and the limit, and imports nothing', async () => {
    const ports = createNodePorts();
    const source = await openSqlStore({ ports });
    const target = await openSqlStore({ ports });
    try {
      const started: ConversationEvent = { eventId: 'c:0', callId: 'c', agentId: 'a', ts: 1_790_000_000_000, type: 'call.started', channel: 'voice' };
      await source.putConversations([assembleConversation([started])]);
      const files = unzipSync(await source.exportBundle());
      const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { sections: Record<string, { file: string; sha256: string }> };
      const entry = manifest.sections.calls!;
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const bomb = `{"eventId":"c:9","callId":"c","agentId":"a","ts":1790000000009,"type":"tool.called","toolCallId":"t","name":"f","arguments":{"a":${deep}}},`;
      files[entry.file] = strToU8(strFromU8(files[entry.file]!).replace('"events":[', `"events":[${bomb}`));
      entry.sha256 = ports.hashing.sha256(files[entry.file]!);
      files['manifest.json'] = strToU8(JSON.stringify(manifest));
      await assert.rejects(target.importBundle(zipSync(files)), (err: unknown) => err instanceof BundleError && /Section "calls" record 1 nests deeper than 512 levels/.test(err.message));
      assert.equal(await target.countCalls(), 0);
    } finally {
      await source.close();
      await target.close();
    }
  });
});
