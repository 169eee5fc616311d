import * as fs from 'node:fs';
import * as path from 'node:path';
import { FingerprintRulesError, readFingerprintRules } from '../engine/errors';
import type { FingerprintRule } from '../engine/errors';
import { CliError } from './context';
import type { CliContext } from './context';

/** Where user fingerprint rules live unless `--rules` names another file. */
export const DEFAULT_FINGERPRINT_RULES = '.kaizen/fingerprints.json';

/** User fingerprint rules: `--rules <file>`, else `.kaizen/fingerprints.json` when it exists, else none. A bad file is a usage error naming the field. */
export function loadFingerprintRules(ctx: CliContext, file?: string): FingerprintRule[] {
  const shown = file ?? DEFAULT_FINGERPRINT_RULES;
  const abs = path.resolve(ctx.cwd, shown);
  if (file === undefined && !fs.existsSync(abs)) return [];
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (err) {
    throw new CliError(`${shown}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(err as Error).message})`}`);
  }
  try {
    return readFingerprintRules(json).rules;
  } catch (err) {
    if (err instanceof FingerprintRulesError) throw new CliError(`${shown}: ${err.message}`);
    throw err;
  }
}
