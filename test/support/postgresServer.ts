// A real, throwaway PostgreSQL server for the tests: initdb into a temp dir, postgres on a free loopback
// port (its unix socket inside the temp dir), a fresh database per test, stopped and removed afterwards.
// The binaries come from the machine (Debian's `postgresql` package: /usr/lib/postgresql/<v>/bin) or
// from $KAIZEN_PG_BIN; with none found the tests fail saying what to install: never a silent skip.
// PostgreSQL refuses to run as root, so under root the server runs as the `postgres` system user (the
// package creates it) or, lacking that, `nobody`, through spawn's uid/gid.
//   npx tsx test/support/postgresServer.ts   → starts one and prints {"url":"postgres://…"} until Ctrl-C
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';

export const POSTGRES_MISSING_MESSAGE =
  'PostgreSQL server binaries (initdb, postgres) were not found in $KAIZEN_PG_BIN, on PATH or in /usr/lib/postgresql/*/bin. ' +
  'Install them: `apt-get install -y postgresql` (Debian/Ubuntu; .ci/run does this), or point KAIZEN_PG_BIN at a folder holding initdb and postgres.';

const SUPERUSER = 'kaizen';

export interface PostgresServer {
  /** The server's port on 127.0.0.1. */
  port: number;
  /** A connection URL for a database on this server (default: the `postgres` maintenance database). */
  url(database?: string): string;
  /** Creates an empty database with a unique name and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Fast shutdown (every session cut), `downMs` of nothing listening, then the same server on the same port. */
  restart(downMs?: number): Promise<void>;
  /** Fast shutdown, then removes the temp dir. */
  stop(): Promise<void>;
}

function hasBinaries(dir: string): boolean {
  return ['initdb', 'postgres'].every((name) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The folder holding initdb and postgres, or undefined. */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env, debianRoot = '/usr/lib/postgresql'): string | undefined {
  const candidates: string[] = [];
  if (env.KAIZEN_PG_BIN) candidates.push(env.KAIZEN_PG_BIN);
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  if (fs.existsSync(debianRoot)) {
    const versions = fs
      .readdirSync(debianRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debianRoot, v, 'bin'));
  }
  return candidates.find(hasBinaries);
}

/** Under root: the unprivileged account the server runs as. */
function unprivilegedUser(): { uid: number; gid: number; name: string } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const line = passwd.find((l) => l.startsWith(`${name}:`));
    if (!line) continue;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid), name };
  }
  throw new Error('running as root and neither a `postgres` nor a `nobody` account exists to run PostgreSQL as; create one (`apt-get install -y postgresql` does)');
}

function chownTree(dir: string, uid: number, gid: number): void {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else fs.chownSync(full, uid, gid);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}) while starting:\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (err) {
      lastError = (err as Error).message;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not accept connections within ${timeoutMs} ms (${lastError}):\n${log()}`);
}

let databaseCounter = 0;

export interface StartPostgresOptions {
  timeoutMs?: number;
  /** Where to look for the binaries (tests of the look-up itself); default: this process's environment. */
  searchEnv?: NodeJS.ProcessEnv;
  debianRoot?: string;
  /** Keep PostgreSQL's durable defaults (fsync, synchronous commit), as a production hub runs; the tests turn them off. */
  durable?: boolean;
}

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = findPostgresBinaries(options.searchEnv ?? process.env, options.debianRoot);
  if (!bin) throw new Error(POSTGRES_MISSING_MESSAGE);
  const user = unprivilegedUser();
  // The server's user must reach the temp dir: a private TMPDIR (root's 0700 home) falls back to /tmp.
  const tmp = user && (fs.statSync(os.tmpdir()).mode & 0o001) === 0 ? '/tmp' : os.tmpdir();
  const root = fs.mkdtempSync(path.join(tmp, 'kaizen-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  fs.mkdirSync(socketDir);
  if (user) chownTree(root, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C', HOME: root, PGTZ: 'UTC' };
  const cleanup = () => fs.rmSync(root, { recursive: true, force: true });

  const init = spawnSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
    cwd: root,
    env,
    encoding: 'utf8',
    ...asUser,
  });
  if (init.status !== 0) {
    cleanup();
    throw new Error(`initdb failed (${init.status ?? init.error?.message}) in ${dataDir}${user ? ` as ${user.name}` : ''}:\n${init.stdout}\n${init.stderr}`);
  }

  interface Running {
    child: ChildProcess;
    exited: Promise<void>;
  }
  const launch = async (port: number): Promise<Running> => {
    let output = '';
    const child = spawn(
      path.join(bin, 'postgres'),
      // fsync off: a test database need not survive a power cut, and the 2-core machine thanks us.
      ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', socketDir, '-c', 'max_connections=200', ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], ...asUser },
    );
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await waitReady(`postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`, child, () => output, options.timeoutMs ?? 60_000);
    } catch (err) {
      child.kill('SIGKILL');
      await exited;
      throw Object.assign(err as Error, { bindFailed: /could not bind|Address already in use/.test(output) });
    }
    return { child, exited };
  };
  // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, not waited for.
  const shutdown = async (r: Running) => {
    r.child.kill('SIGINT');
    const timer = setTimeout(() => r.child.kill('SIGKILL'), 30_000);
    await r.exited;
    clearTimeout(timer);
  };

  // A free port can be taken between asking and binding; try a few.
  let port = 0;
  let running: Running | undefined;
  for (let attempt = 1; !running; attempt++) {
    port = await freePort();
    try {
      running = await launch(port);
    } catch (err) {
      if (attempt < 3 && (err as { bindFailed?: boolean }).bindFailed) continue;
      cleanup();
      throw err;
    }
  }
  // A test process that dies without stop() must not leave a server behind: SIGQUIT is immediate shutdown.
  const onExit = () => running?.child.kill('SIGQUIT');
  process.once('exit', onExit);
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(prefix = 'kaizen_test') {
      const name = `${prefix}_${process.pid}_${++databaseCounter}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async restart(downMs = 0) {
      await shutdown(running!);
      running = undefined;
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      running = await launch(port);
    },
    async stop() {
      process.removeListener('exit', onExit);
      if (running) await shutdown(running);
      running = undefined;
      cleanup();
    },
  };
}

if (require.main === module) {
  void startPostgres().then((server) => {
    console.log(JSON.stringify({ url: server.url() }));
    const stop = () => void server.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
