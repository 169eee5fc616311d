// Starts and stops code-server (REAL VS Code: its workbench and Node extension host) for the e2e suite,
// per /work/shared/recipes/real-vscode-in-browser.md: loopback only, own user-data and extensions
// folders, stopped by the process id we started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const CACHE = path.join(root, '.cache');
const NODE_BIN = path.join(CACHE, 'nodehdr', 'bin');
const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
const env = () => ({ ...process.env, PATH: `${NODE_BIN}:${process.env.PATH}` });

export function vscodeVersion() {
  const pkg = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  return existsSync(pkg) ? JSON.parse(readFileSync(pkg, 'utf8')).version : undefined;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function installExtension(vsix, extensionsDir) {
  mkdirSync(extensionsDir, { recursive: true });
  const r = spawnSync(CODE_SERVER, ['--config', path.join(extensionsDir, 'code-server.yaml'), '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { env: env(), encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

export function writeUserSettings(userDataDir, settings) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Starts code-server and resolves once it answers HTTP (bounded). */
export async function startCodeServer({ port, userDataDir, extensionsDir, folder, logFile, timeoutMs = 90000 }) {
  const args = ['--config', path.join(userDataDir, 'code-server.yaml'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder].filter(Boolean);
  const log = [];
  const child = spawn(CODE_SERVER, args, { env: env(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const append = (d) => {
    log.push(String(d));
    if (logFile) writeFileSync(logFile, log.join(''));
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) {
    stopCodeServer(child);
    throw new Error(`code-server did not answer within ${timeoutMs} ms:\n${log.join('')}`);
  }
  return { child, url: `http://127.0.0.1:${port}`, log };
}

/** Stops the server we started: its own process group (it forks the extension host), by our pid only. */
export async function stopCodeServer(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  const deadline = Date.now() + 10000;
  while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}
