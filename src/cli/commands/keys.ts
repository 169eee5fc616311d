import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { SigningKey } from '../../engine/collective';
import { PublicKeySchema, keyIdOf } from '../../engine/collective';
import type { Ed25519 } from '../../engine/ports';
import type { CliContext } from '../context';
import { CliError, ExitCode, writeJsonLine } from '../context';
import type { RegisterCommand } from './index';

/** The CLI's signing key: one JSON file readable by its owner only (VS Code keeps it in SecretStorage). */
export const KEY_FILE = 'kaizen-signing-key.json';

const KeyFileSchema = z.object({ keyId: z.string().min(1), publicKey: PublicKeySchema, privateKey: PublicKeySchema });

export function ed25519Of(ctx: CliContext): Ed25519 {
  if (!ctx.ports.ed25519) throw new CliError('this host has no Ed25519 implementation', ExitCode.usage);
  return ctx.ports.ed25519;
}

/** Reads `<dir>/kaizen-signing-key.json` (or the file itself), refusing one that others can read. */
export function readSigningKey(ctx: CliContext, dirOrFile: string): SigningKey {
  let file = path.resolve(ctx.cwd, dirOrFile);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, KEY_FILE);
  if (!fs.existsSync(file)) throw new CliError(`--key ${dirOrFile}: no ${KEY_FILE} there (kaizen keys init --out ${dirOrFile} makes one)`, ExitCode.usage);
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new CliError(`--key ${dirOrFile}: ${file} is readable by other users; chmod 600 it (a signing key is a secret)`, ExitCode.usage);
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`--key ${dirOrFile}: ${(err as Error).message}`, ExitCode.usage);
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) throw new CliError(`--key ${dirOrFile}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`, ExitCode.usage);
  return parsed.data;
}

export const register: RegisterCommand = (program, ctx) => {
  const keys = program.command('keys').description('Ed25519 signing keys for sharing artifacts with a hub: make one, list the public halves as a trust file.');

  keys
    .command('init')
    .description('Make a signing key in <dir>/kaizen-signing-key.json (mode 0600; an existing key is never overwritten). Prints {"keyId","publicKey"}.')
    .requiredOption('--out <dir>', 'folder for the key file')
    .action((opts: { out: string }) => {
      const dir = path.resolve(ctx.cwd, opts.out);
      const file = path.join(dir, KEY_FILE);
      if (fs.existsSync(file)) throw new CliError(`${path.relative(ctx.cwd, file) || file} already exists; Kaizen never overwrites a key (use another --out)`, ExitCode.usage);
      const pair = ed25519Of(ctx).generateKeyPair();
      const key: SigningKey = { keyId: keyIdOf(pair.publicKey, ctx.ports.hashing), ...pair };
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      // `wx`: fails rather than replace a key that appeared meanwhile.
      fs.writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      fs.chmodSync(file, 0o600);
      writeJsonLine(ctx.stdout, { keyId: key.keyId, publicKey: key.publicKey });
    });

  keys
    .command('trust <keys...>')
    .description('A hub trust file {"keys":[{"keyId","publicKey"}]} from key folders or key files (only the public halves).')
    .action((dirs: string[]) => {
      writeJsonLine(ctx.stdout, { keys: dirs.map((d) => readSigningKey(ctx, d)).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })) });
    });
};
