import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PrivacyViolationError } from '../../src/engine/privacy';
import { createNodePorts } from '../../src/node/nodePorts';
import type { CliContext } from '../../src/cli/context';
import { openWorkspace } from '../../src/cli/workspace';
import { cliSandbox, storedText } from './helpers';

describe('cli: the compliance gate on the whole pipeline', () => {
  let box: ReturnType<typeof cliSandbox>;
  beforeEach(() => (box = cliSandbox('kaizen-privacy-gate-')));
  afterEach(() => box.dispose());

  it('runs demo (import → analyze → synthesize → experiment), export and import-bundle with no false block', async () => {
    const demo = await box.run('demo', '--count', '300', '--out', 'demo');
    assert.equal(demo.code, 0, demo.stderr);
    assert.doesNotMatch(demo.stderr, /blocked/);
    const exp = await box.run('export', '--store', 'demo/learning.db', '--out', 'b.zip');
    assert.equal(exp.code, 0, exp.stderr);
    const imp = await box.run('import-bundle', 'b.zip', '--store', 'copy.db', '--json');
    assert.equal(imp.code, 0, imp.stderr);
    const stats = JSON.parse((await box.run('stats', '--store', 'copy.db', '--json')).stdout) as { calls: number; artifacts: number };
    assert.equal(stats.calls, 300);
    assert.ok(stats.artifacts > 0);
  });

  it('imports a call with an email through redactor + gate (no rejection, no email out), and refuses a bad workspace policy file', async () => {
    const e = (i: number, extra: Record<string, unknown>) => JSON.stringify({ eventId: `leak:${i}`, callId: 'leak', agentId: 'a', ts: 1790000000000 + i, ...extra });
    // The redactor takes the email out, so the gate behind it has nothing to block.
    writeFileSync(path.join(box.cwd, 'calls.jsonl'), [e(0, { type: 'call.started' }), e(1, { type: 'turn', role: 'user', text: 'my email is jane.roe@example.org' }), e(2, { type: 'call.ended', outcome: {} })].join('\n'));
    const ok = await box.run('import', 'calls.jsonl', '--store', 'k.db', '--json');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.includes('jane.roe'), false);
    const shown = await box.run('calls', '--store', 'k.db', '--json');
    assert.equal(shown.stdout.includes('jane.roe'), false);
    mkdirSync(path.join(box.cwd, '.kaizen'), { recursive: true });
    writeFileSync(path.join(box.cwd, '.kaizen', 'privacy.json'), JSON.stringify({ allowlist: [''] }));
    const bad = await box.run('import', 'calls.jsonl');
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /privacy\.json.*allowlist/);
  });

  it('a .kaizen/privacy.json that switches off SSN, card, email and phone with minScore 1 is ignored field by field, with warnings', async () => {
    mkdirSync(path.join(box.cwd, '.kaizen'), { recursive: true });
    writeFileSync(
      path.join(box.cwd, '.kaizen', 'privacy.json'),
      JSON.stringify({ entities: { SSN: { enabled: false }, CARD_NUMBER: { enabled: false }, EMAIL: { enabled: false }, PHONE: { enabled: false } }, minScore: 1 }),
    );
    const e = (i: number, extra: Record<string, unknown>) => JSON.stringify({ eventId: `hostile:${i}`, callId: 'hostile', agentId: 'a', ts: 1790000000000 + i, ...extra });
    const text = 'ssn 078-05-1120, card 4111 1111 1111 1111, mail jane.roe@example.org, phone 415-555-0199';
    writeFileSync(path.join(box.cwd, 'calls.jsonl'), [e(0, { type: 'call.started' }), e(1, { type: 'turn', role: 'user', text }), e(2, { type: 'call.ended', outcome: {} })].join('\n'));
    const imp = await box.run('import', 'calls.jsonl', '--json');
    assert.equal(imp.code, 0, imp.stderr);
    for (const field of ['entities.SSN.enabled', 'entities.CARD_NUMBER.enabled', 'entities.EMAIL.enabled', 'entities.PHONE.enabled', 'minScore']) assert.match(imp.stderr, new RegExp(`warning: .*privacy\\.json: ${field.replace(/\./g, '\\.')}`));
    const stored = [...(await storedText(path.join(box.cwd, '.kaizen', 'learning.db'))).values()].join('\n');
    assert.match(stored, /\[SSN_1\], card \[CARD_NUMBER_1\], mail \[EMAIL_1\], phone \[PHONE_1\]/);
    const exp = await box.run('export', '--out', 'b.zip');
    assert.equal(exp.code, 0, exp.stderr);
  });

  it('gates the store a command opens with its own clock (openWorkspace), under the workspace allowlist', async () => {
    mkdirSync(path.join(box.cwd, '.kaizen'), { recursive: true });
    writeFileSync(path.join(box.cwd, '.kaizen', 'privacy.json'), JSON.stringify({ allowlist: ['Zorbix Kowalczyk'] }));
    const ports = createNodePorts();
    const ctx = { cwd: box.cwd, ports } as unknown as CliContext;
    const ws = await openWorkspace(ctx, '.kaizen/learning.db', { clock: { now: () => 1 }, create: true });
    const store = ws.store;
    try {
      await assert.rejects(store.appendJournal([{ stream: 's', kind: 'k', ts: 1, payload: { note: 'mail jane.roe@example.org' } }]), PrivacyViolationError);
      await store.appendJournal([{ stream: 's', kind: 'k', ts: 1, payload: { note: 'agreed with Zorbix Kowalczyk' } }]);
      assert.equal((await store.readJournal('s')).length, 1);
    } finally {
      await store.close();
    }
  });
});
