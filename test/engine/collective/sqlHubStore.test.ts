import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeHubStoreContract } from './hubStoreContract';
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
