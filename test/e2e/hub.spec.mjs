// End-to-end in REAL VS Code for issue 17's Publishing webview and the collective hub: a real hub
// (`kaizen serve --hub`, its own embedded store) on loopback trusts only a teammate's key at first, so
// the workspace's first "Sign & submit" makes its signing key (SecretStorage, shown once in a
// notification) and is refused as untrusted; the key is added to the hub's trust file, the hub restarts
// on the same port with quorum 2, and "Sign & submit" stores the envelope, pending with 1 of 2 signers.
// The teammate packs the same artifact with the CLI (same content hash) and submits it: adopted. An agent
// subscribed with the same trust file verifies both signatures and applies it; the webview shows the
// signers, the quorum and the agent. Screenshots in test-results/screenshots/e2e-hub-*.png.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnJsonChild } from './jsonChild.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');
const children = new Set();

/** Starts the CLI and resolves with its first stdout line parsed as JSON (bounded wait). */
function startCli(args, label, { cwd = root, timeout = 90000 } = {}) {
  const started = spawnJsonChild([cli, ...args], label, { cwd, timeout });
  children.add(started.child);
  started.child.on('exit', () => children.delete(started.child));
  return started;
}

/** Stops one child we started (SIGTERM: the hub saves its store on the way out) and waits for it (bounded). */
async function stop(child, timeout = 30000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, timeout).unref());
  await Promise.race([exited, timer]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

export function stopHubPeers() {
  for (const c of children) c.kill('SIGTERM');
}

/** One CLI run to completion; its stdout as JSON. */
function cliJson(args, cwd) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `kaizen ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function getJson(url) {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

/** Polls `probe` until it returns a truthy value (bounded); returns that value. */
async function until(what, probe, timeout = 60000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await probe().catch((err) => err);
    if (last && !(last instanceof Error)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} within ${timeout} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

export const hubTests = [
  {
    name: 'publishing → hub: Sign & submit with the workspace key (untrusted → trusted), teammate co-signs, adopted, an agent applies; signers and quorum shown',
    fn: async ({ wb, ws, log }) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kaizen-e2e-hub-'));
      try {
        // The teammate's key and a hub that trusts only it.
        const teammate = cliJson(['keys', 'init', '--out', 'teammate'], dir);
        const trustFile = path.join(dir, 'trust.json');
        writeFileSync(trustFile, JSON.stringify({ keys: [teammate] }));
        const hubArgs = (quorum, port) => ['serve', '--hub', '--quorum', String(quorum), '--trust', trustFile, '--hub-store', path.join(dir, 'hub.db'), '--port', String(port)];
        let hub = startCli(hubArgs(1, 0), 'kaizen serve --hub', { cwd: dir });
        const first = await hub.ready;
        const http = first.http;
        const port = Number(new URL(http).port);
        log(`hub: ${JSON.stringify(first)}`);

        await wb.runCommand('View: Close All Editors');
        await wb.runCommand('Kaizen: Open Publishing');
        const frame = wb.webviewFrame();
        await frame.locator('#hub-url').waitFor({ timeout: 60000 });
        await frame.locator('#hub-url').fill(http);
        await frame.locator('#hub-watch').click();
        await frame.locator('#hub-quorum', { hasText: 'quorum 1' }).waitFor({ timeout: 60000 });
        const row = frame.locator('#hub-artifacts tr[data-artifact-id]').first();
        await row.waitFor({ timeout: 60000 });
        const artifactId = await row.getAttribute('data-artifact-id');
        const hash = await row.getAttribute('data-hash');
        const rowOf = () => frame.locator(`#hub-artifacts tr[data-artifact-id="${artifactId}"]`);
        assert.equal((await rowOf().locator('.hub-status').innerText()).trim(), 'not-submitted');
        log(`artifact ${(await rowOf().locator('td').first().innerText()).trim()} hash ${hash}`);

        // First Sign & submit: the workspace's key is made and shown; the hub refuses it (not in its trust file).
        await wb.clearNotifications();
        await rowOf().locator('button.hub-sign', { hasText: 'Sign & submit' }).click();
        const note = await wb.notification(/Add it to the hub's trust file/, 60000);
        const m = /\{"keyId":"([^"]+)","publicKey":"([^"]+)"\}/.exec(note);
        assert.ok(m, `the notification shows the public key: ${note}`);
        const workspaceKey = { keyId: m[1], publicKey: m[2] };
        log(`workspace signing key: ${workspaceKey.keyId}`);
        const refused = await frame.locator('#result.error', { hasText: 'the hub refused it' }).innerText({ timeout: 60000 });
        assert.match(refused, new RegExp(`untrusted signer "${workspaceKey.keyId}"`));
        log(`first attempt: ${refused.trim()}`);
        assert.equal((await getJson(`${http}/v1/artifacts/${hash}`)).status, 404, 'the hub stored nothing it refused');
        // The notification is easily dismissed: the command shows the same public half again.
        await wb.clearNotifications();
        await wb.runCommand('Kaizen: Show Collective Signing Key');
        const again = await wb.notification(/collective signing key \(add it to the hub's trust file\)/, 60000);
        assert.ok(again.includes(JSON.stringify(workspaceKey)), `the command shows the same key again: ${again}`);
        await wb.clearNotifications();

        // Trust the workspace's key: the hub restarts on the same port and store, quorum 2 of 2.
        writeFileSync(trustFile, JSON.stringify({ keys: [teammate, workspaceKey] }));
        await stop(hub.child);
        hub = startCli(hubArgs(2, port), 'kaizen serve --hub (restarted)', { cwd: dir });
        assert.equal((await hub.ready).http, http);
        assert.deepEqual((await getJson(`${http}/v1/hub`)).body.trusted.sort(), [teammate.keyId, workspaceKey.keyId].sort());
        // An agent subscribed with the same trust file: it verifies every signature before it applies.
        const agentLog = path.join(dir, 'agent.jsonl');
        const agent = startCli(['serve', '--subscribe', `ws://127.0.0.1:${port}/v1/hub`, '--agent-id', 'e2e-agent', '--trust', trustFile, '--log', agentLog], 'kaizen serve --subscribe', { cwd: dir });
        await agent.ready;
        await until('the agent connected to the hub', async () => (await getJson(`${http}/v1/hub`)).body.agents >= 1);

        await frame.locator('#hub-watch').click();
        await frame.locator('#hub-quorum', { hasText: 'quorum 2' }).waitFor({ timeout: 60000 });
        await rowOf().locator('button.hub-sign', { hasText: 'Sign & submit' }).click();
        const submitted = await frame.locator('#result:not(.error)', { hasText: 'on the hub' }).innerText({ timeout: 60000 });
        assert.match(submitted, /: pending \(1 of 2 signers\)/);
        log(`second attempt: ${submitted.trim()}`);
        const stored = (await getJson(`${http}/v1/artifacts/${hash}`)).body;
        assert.deepEqual({ status: stored.status, signers: stored.signers, quorum: stored.quorum, artifactId: stored.artifactId }, { status: 'pending', signers: [workspaceKey.keyId], quorum: 2, artifactId });
        await rowOf().locator('.hub-signers', { hasText: `1 of 2: ${workspaceKey.keyId}` }).waitFor({ timeout: 60000 });
        assert.equal((await rowOf().locator('.hub-status').innerText()).trim(), 'pending');
        log(`screenshot ${await wb.screenshot('e2e-hub-pending')}`);

        // The teammate packs the same artifact from the saved store (the window holds it: a copy) — the same
        // content hash — and submits it: the second distinct trusted signer adopts it.
        copyFileSync(path.join(ws.dir, '.kaizen', 'learning.db'), path.join(dir, 'learning.db'));
        const envelope = cliJson(['artifact', 'pack', '--id', artifactId, '--key', 'teammate', '--store', 'learning.db'], dir);
        assert.equal(envelope.hash, hash, 'the CLI and the extension address the artifact by the same content hash');
        writeFileSync(path.join(dir, 'envelope.json'), JSON.stringify(envelope));
        const adopted = cliJson(['artifact', 'submit', 'envelope.json', '--hub', http], dir);
        assert.equal(adopted.status, 'adopted');
        assert.deepEqual([...adopted.signers].sort(), [teammate.keyId, workspaceKey.keyId].sort());
        const applied = await until('the agent applied the adopted artifact', async () => {
          const s = (await getJson(`${http}/v1/artifacts/${hash}`)).body;
          return s.applied?.includes('e2e-agent') && s;
        });
        const entries = readFileSync(agentLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.kind === 'hub-artifact');
        assert.ok(entries.some((e) => e.hash === hash && e.artifactId === artifactId && e.action === 'adopt'), `the agent's log: ${JSON.stringify(entries)}`);
        log(`hub: ${JSON.stringify({ status: applied.status, signers: applied.signers, quorum: applied.quorum, applied: applied.applied })}`);

        await frame.locator('#hub-watch').click();
        await rowOf().locator('.hub-status', { hasText: 'adopted' }).waitFor({ timeout: 60000 });
        const signers = (await rowOf().locator('.hub-signers').innerText()).trim();
        assert.match(signers, /^2 of 2: /);
        assert.ok(signers.includes(workspaceKey.keyId) && signers.includes(teammate.keyId), `signers: ${signers}`);
        assert.match((await rowOf().locator('.hub-applied').innerText()).trim(), /^1: e2e-agent$/);
        assert.ok(await rowOf().locator('button.hub-sign').isDisabled(), 'an adopted artifact takes no more signatures');
        log(`webview: ${(await rowOf().innerText()).replace(/\s+/g, ' ').trim()}`);
        log(`screenshot ${await wb.screenshot('e2e-hub-adopted')}`);
        await stop(agent.child);
        await stop(hub.child);
        await wb.runCommand('View: Close All Editors');
      } finally {
        stopHubPeers();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
