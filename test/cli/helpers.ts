import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { runCli } from '../../src/cli/main';
import type { SecretStore } from '../../src/engine/ports';
import { unpackJson } from '../../src/engine/store/codec';
import { loadSqlModule } from '../../src/engine/store/sqlModule';
import { createNodePorts, memorySecretStore } from '../../src/node/nodePorts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable stream that remembers what was written to it. */
export function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return { stream, text: () => out };
}

/** A throwaway working folder with its own secrets, and a way to run `kaizen` in it in-process. */
export interface CliSandbox {
  cwd: string;
  secrets: SecretStore;
  run(...argv: string[]): Promise<CliRun>;
  /** `interactive`: stderr behaves as a terminal (progress lines are drawn). */
  runWith(options: { interactive?: boolean }, ...argv: string[]): Promise<CliRun>;
  dispose(): void;
}

export function cliSandbox(prefix = 'kaizen-cli-'): CliSandbox {
  const cwd = mkdtempSync(path.join(os.tmpdir(), prefix));
  const secrets = memorySecretStore();
  const runWith = async (options: { interactive?: boolean }, ...argv: string[]): Promise<CliRun> => {
    const out = capture();
    const err = capture();
    const code = await runCli(argv, { cwd, stdout: out.stream, stderr: err.stream, interactive: options.interactive ?? false, ports: createNodePorts({ secrets }) });
    return { code, stdout: out.text(), stderr: err.text() };
  };
  return {
    cwd,
    secrets,
    run: (...argv) => runWith({}, ...argv),
    runWith,
    dispose: () => rmSync(cwd, { recursive: true, force: true }),
  };
}

/** Every value of every row of every table, blobs unpacked (transcripts are compressed), as one text per table. */
export async function storedText(dbFile: string): Promise<Map<string, string>> {
  const SQL = await loadSqlModule(createNodePorts());
  const db = new SQL.Database(readFileSync(dbFile));
  const out = new Map<string, string>();
  try {
    const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]!.values.map((r) => String(r[0]));
    for (const table of tables) {
      const parts: string[] = [];
      for (const res of db.exec(`SELECT * FROM "${table}"`)) {
        for (const row of res.values) {
          for (const v of row) {
            if (v instanceof Uint8Array) {
              try {
                parts.push(JSON.stringify(unpackJson(v)));
              } catch {
                parts.push(Buffer.from(v).toString('utf8'));
              }
            } else if (v !== null) parts.push(String(v));
          }
        }
      }
      out.set(table, parts.join('\n'));
    }
  } finally {
    db.close();
  }
  return out;
}


const CHROMIUM = process.env.KAIZEN_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Opens a report file in headless Chromium and hands the page to `check`, with the problems seen so far
 * (page errors, console errors, and every request that is not the file itself: a report must work offline).
 */
export async function withOfflinePage(file: string, check: (page: Page, problems: string[]) => Promise<void>): Promise<void> {
  assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (set KAIZEN_CHROMIUM)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'], headless: true, timeout: 60_000 });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (q) => !q.url().startsWith('file:') && problems.push(`request ${q.url()}`));
    await page.goto(`file://${file}`);
    await check(page, problems);
  } finally {
    await browser.close();
  }
}
