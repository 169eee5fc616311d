import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Heavy from './heavy';

export type EngineModule = typeof Heavy;

let cached: EngineModule | undefined;

/**
 * Loads the engine bundle (dist/extension-engine.js, beside dist/extension.js) on first use. A
 * computed path through createRequire keeps esbuild from inlining it into the activation bundle.
 */
export function loadEngine(): EngineModule {
  if (!cached) {
    const file = path.join(__dirname, 'extension-engine.js');
    if (!existsSync(file)) throw new Error(`the Kaizen engine bundle is missing (${file}); rebuild with node esbuild.mjs`);
    cached = createRequire(__filename)(file) as EngineModule;
  }
  return cached;
}
