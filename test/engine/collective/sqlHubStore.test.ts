import * as fs from 'node:fs';
import * as path from 'node:path';
import { concurrentQuorumContract, describeHubStoreContract } from './hubStoreContract';
import { openHubStore, tempDir } from './hubNet';

describeHubStoreContract('sql.js in memory', () => openHubStore());

let file = '';
describeHubStoreContract(
  'sql.js on a file',
  () => {
    file = path.join(tempDir(), 'hub.db');
    return openHubStore(file);
  },
  () => {
    if (!fs.existsSync(file)) throw new Error('the hub file was never written');
    return openHubStore(file);
  },
);

// One embedded store serves one process: two HubServices over it stand for two replicas of that process.
concurrentQuorumContract('sql.js (two services over one store)', async () => {
  const store = await openHubStore(path.join(tempDir(), 'race.db'));
  return { a: store, b: store, dispose: () => store.close() };
});
