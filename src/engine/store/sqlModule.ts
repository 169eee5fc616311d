import initSqlJs from 'sql.js';
import type { SqlJsStatic } from 'sql.js';
import type { EnginePorts } from '../ports';

let cached: Promise<SqlJsStatic> | undefined;

/** One compiled sql.js module per process: compiling the WASM costs ~100 ms and ~20 MB. */
export function loadSqlModule(ports: Pick<EnginePorts, 'loadSqlWasm'>): Promise<SqlJsStatic> {
  if (!cached) {
    const loading = (async () => {
      const wasm = await ports.loadSqlWasm();
      // sql.js types want an ArrayBuffer; a Uint8Array view over it is what it really reads.
      return initSqlJs({ wasmBinary: wasm as unknown as ArrayBuffer });
    })();
    cached = loading;
    // A failed load (missing wasm) must not poison every later open.
    loading.catch(() => {
      if (cached === loading) cached = undefined;
    });
  }
  return cached;
}
