// One hub replica on PostgreSQL as a process of its own (what `kaizen serve --hub --database` runs):
//   node --import tsx test/support/hubReplicaMain.ts <postgres-url> <quorum> <trust.json>
// prints {"hub":"http://…","url":"ws://…/v1/hub"} once listening; SIGTERM closes it, SIGKILL is a crash.
import * as fs from 'node:fs';
import { TrustSet } from '../../src/engine/collective';
import { startHub } from '../../src/node/hubServer';
import { openPgHubStore } from '../../src/node/pgHubStore';

async function main(): Promise<void> {
  const [database, quorum, trustFile] = process.argv.slice(2);
  if (!database || !quorum || !trustFile) throw new Error('usage: hubReplicaMain.ts <postgres-url> <quorum> <trust.json>');
  const store = await openPgHubStore({ connectionString: database, pollIntervalMs: 500 });
  const hub = await startHub({ store, quorum: Number(quorum), trust: TrustSet.parse(JSON.parse(fs.readFileSync(trustFile, 'utf8'))), closeStore: true });
  process.stdout.write(`${JSON.stringify({ hub: hub.http, url: hub.url })}\n`);
  process.once('SIGTERM', () => void hub.close().then(() => process.exit(0)));
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
