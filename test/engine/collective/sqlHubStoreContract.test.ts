// The HubStore contract against the embedded sql.js store, on a real file per test (reopen reads it back).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openSqlHubStore } from '../../../src/engine/collective';
import { createNodePorts } from '../../../src/node/nodePorts';
import { hubStoreContract } from './hubStoreContract';

hubStoreContract('embedded sql.js', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaizen-hubstore-'));
  const file = path.join(dir, 'hub.sqlite');
  return {
    open: () => openSqlHubStore({ ports: createNodePorts(), path: file }),
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
});
