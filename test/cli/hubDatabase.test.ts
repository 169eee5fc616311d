// `kaizen serve --hub --database postgres://…` on a real PostgreSQL server the test starts: the CLI's
// own artifact commands adopt through one replica process, a replica started afterwards on the same
// database answers with the same state (the replicas keep none), and bad --database values are usage
// errors that name the option and the fix.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SigningKey } from '../../src/engine/collective';
import { packEnvelope } from '../../src/engine/collective';
import { nodeEd25519, nodeHashing } from '../../src/node/nodePorts';
import { openPgHubStore } from '../../src/node/pgHubStore';
import { startHubReplica } from '../support/hubReplica';
import type { HubReplica } from '../support/hubReplica';
import { startPostgres } from '../support/postgresServer';
import type { PostgresServer } from '../support/postgresServer';
import type { CliSandbox } from './helpers';
import { cliSandbox } from './helpers';

describe('kaizen serve --hub --database (PostgreSQL)', function () {
  this.timeout(180_000);
  let server: PostgresServer;
  let sb: CliSandbox;
  const replicas: HubReplica[] = [];
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server?.stop();
  });
  beforeEach(() => (sb = cliSandbox('kaizen-hubdb-')));
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.stop()));
    sb.dispose();
  });

  it('keeps the hub in PostgreSQL: adopted through one replica, the same state from a replica started later', async () => {
    for (const who of ['alice', 'bob']) assert.equal((await sb.run('keys', 'init', '--out', who)).code, 0);
    const trustFile = path.join(sb.cwd, 'trust.json');
    writeFileSync(trustFile, (await sb.run('keys', 'trust', 'alice', 'bob')).stdout);
    const database = await server.createDatabase('cli');
    const first = await startHubReplica(['--database', database, '--quorum', '2', '--trust', trustFile]);
    replicas.push(first);
    assert.equal(first.banner.database, database);
    assert.deepEqual([first.banner.quorum, first.banner.trusted], [2, 2]);

    // Signed with the key `keys init` made (the learning store is empty, so no `artifact pack` here).
    const alice = JSON.parse(readFileSync(path.join(sb.cwd, 'alice', 'kaizen-signing-key.json'), 'utf8')) as SigningKey;
    const env = packEnvelope({ artifactId: 'strategy:billing', version: 1, kind: 'strategy', title: 'Explain the fee first' }, alice, { hashing: nodeHashing, ed25519: nodeEd25519 });
    writeFileSync(path.join(sb.cwd, 'env.json'), JSON.stringify(env));

    const submitted = await sb.run('artifact', 'submit', 'env.json', '--hub', first.http);
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.equal((JSON.parse(submitted.stdout) as { status: string }).status, 'pending');
    const adopted = await sb.run('artifact', 'adopt', 'env.json', '--hub', first.http, '--key', 'bob');
    assert.equal(adopted.code, 0, adopted.stderr);
    assert.equal((JSON.parse(adopted.stdout) as { status: string }).status, 'adopted');

    await first.stop();
    assert.equal(first.child.exitCode, 0, `the replica stops cleanly on SIGTERM: ${first.stderr()}`);
    // The test server trusts loopback, so a password in the URL is accepted and unused: the first line masks it.
    const second = await startHubReplica(['--database', database.replace('kaizen@', 'kaizen:sekret@'), '--quorum', '2', '--trust', trustFile]);
    replicas.push(second);
    assert.equal(second.banner.database, database.replace('kaizen@', 'kaizen:***@'));
    const status = await sb.run('artifact', 'status', env.hash, '--hub', second.http);
    assert.equal(status.code, 0, status.stderr);
    const s = JSON.parse(status.stdout) as { status: string; signers: string[] };
    assert.equal(s.status, 'adopted');
    assert.equal(s.signers.length, 2);

    // The adoption is in the database's log, once.
    const store = await openPgHubStore({ connectionString: database });
    try {
      assert.deepEqual(
        (await store.adoptionsAfter(0, 10)).map((e) => [e.hash, e.action]),
        [[env.hash, 'adopt']],
      );
    } finally {
      await store.close();
    }
  });

  it('refuses a bad --database, --database beside --hub-store, and --database without --hub, naming the fix', async () => {
    assert.equal((await sb.run('keys', 'init', '--out', 'alice')).code, 0);
    writeFileSync(path.join(sb.cwd, 'trust.json'), (await sb.run('keys', 'trust', 'alice')).stdout);

    const scheme = await sb.run('serve', '--hub', '--trust', 'trust.json', '--database', 'mysql://u@127.0.0.1/db');
    assert.equal(scheme.code, 2);
    assert.match(scheme.stderr, /--database: the scheme is "mysql:", expected postgres:\/\//);

    const missing = await sb.run('serve', '--hub', '--trust', 'trust.json', '--database', server.url('no_such_db').replace('kaizen@', 'kaizen:hunter2@'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--database: cannot open postgres:\/\/kaizen:\*\*\*@127\.0\.0\.1:\d+\/no_such_db .*check the host, port, user, password/);
    assert.doesNotMatch(missing.stderr, /hunter2/);

    const both = await sb.run('serve', '--hub', '--trust', 'trust.json', '--hub-store', 'hub.db', '--database', server.url());
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--hub-store and --database name two different hub stores; give one/);

    const noHub = await sb.run('serve', '--database', server.url());
    assert.equal(noHub.code, 2);
    assert.match(noHub.stderr, /--database and --hub-store are for the hub: add --hub/);
  });
});
