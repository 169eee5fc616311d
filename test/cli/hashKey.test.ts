import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SecretKeys } from '../../src/shared/secretKeys';
import { cliSandbox } from './helpers';
import type { CliSandbox } from './helpers';

const call = (callId: string, phone: string) =>
  [
    { eventId: `${callId}-0`, callId, agentId: 'agent-a', seq: 0, ts: '2026-03-01T10:00:00Z', type: 'call.started' },
    { eventId: `${callId}-1`, callId, agentId: 'agent-a', seq: 1, ts: '2026-03-01T10:00:01Z', type: 'turn', role: 'user', text: `call me back on ${phone}` },
    { eventId: `${callId}-2`, callId, agentId: 'agent-a', seq: 2, ts: '2026-03-01T10:00:05Z', type: 'call.ended', outcome: { resolved: true, endReason: 'completed' } },
  ]
    .map((e) => JSON.stringify(e))
    .join('\n') + '\n';

describe('cli: a store stays bound to the key its identifiers were hashed under', () => {
  let box: CliSandbox;
  beforeEach(() => (box = cliSandbox('kaizen-hashkey-')));
  afterEach(() => box.dispose());

  it('a second host with another key is refused with the way to share the first; nothing is stored', async () => {
    fs.writeFileSync(path.join(box.cwd, 'a.calls.jsonl'), call('call-a', '415-555-0134'));
    fs.writeFileSync(path.join(box.cwd, 'b.calls.jsonl'), call('call-b', '415-555-0199'));
    assert.equal((await box.run('import', 'a.calls.jsonl')).code, 0);
    const before = fs.readFileSync(path.join(box.cwd, '.kaizen', 'learning.db'));

    // Another host (e.g. VS Code with its own SecretStorage) holding a different key.
    await box.secrets.set(SecretKeys.workspaceHmacKey, 'ef'.repeat(32));
    const refused = await box.run('import', 'b.calls.jsonl');
    assert.notEqual(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /hashed under key [0-9a-f]{16}, and this host's key is [0-9a-f]{16}/);
    assert.match(refused.stderr, /Use the CLI's Workspace Key/);
    assert.deepEqual(fs.readFileSync(path.join(box.cwd, '.kaizen', 'learning.db')), before, 'the store is unchanged');
    const listed = await box.run('calls', '--json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.doesNotMatch(listed.stdout, /call-b/);
  });
});
