import type { KeyObject } from 'node:crypto';
import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DeflateCodec, Ed25519, EnginePorts, FileSystem, Hashing, Logger, SecretStore } from '../engine/ports';
import { silentLogger, systemClock } from '../engine/ports';
import { locateWordVectors } from './wordVectorsFile';

export const nodeFileSystem: FileSystem = {
  async readFile(p) {
    return new Uint8Array(await fsp.readFile(p));
  },
  async *readChunks(p, options) {
    const stream = createReadStream(p, { highWaterMark: 1 << 20, signal: options?.signal });
    for await (const chunk of stream) yield chunk as Uint8Array;
  },
  async writeFileAtomic(p, data) {
    await fsp.mkdir(path.dirname(p), { recursive: true });
    const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
    const handle = await fsp.open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fsp.rename(tmp, p);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    // The rename is durable only once the directory entry is on disk.
    const dir = await fsp.open(path.dirname(p), 'r');
    try {
      await dir.sync();
    } catch {
      // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
    } finally {
      await dir.close();
    }
  },
  async exists(p) {
    try {
      await fsp.access(p);
      return true;
    } catch {
      return false;
    }
  },
  async stat(p) {
    try {
      const s = await fsp.stat(p);
      return { size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  },
  async mkdirp(p) {
    await fsp.mkdir(p, { recursive: true });
  },
  async remove(p) {
    await fsp.rm(p, { force: true, recursive: true });
  },
  async readdir(p) {
    return fsp.readdir(p);
  },
};

export const nodeHashing: Hashing = {
  sha256(data) {
    return createHash('sha256').update(data).digest('hex');
  },
  hmacSha256(key, data) {
    return createHmac('sha256', key).update(data).digest('hex');
  },
  randomBytes(size) {
    return new Uint8Array(randomBytes(size));
  },
};

/** Secrets in a file readable only by the user (CLI); the extension uses SecretStorage instead. */
export function fileSecretStore(file: string): SecretStore {
  async function load(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }
  async function save(all: Record<string, string>): Promise<void> {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, JSON.stringify(all, null, 2), { mode: 0o600 });
    await fsp.chmod(file, 0o600);
  }
  return {
    async get(key) {
      return (await load())[key];
    },
    async set(key, value) {
      const all = await load();
      all[key] = value;
      await save(all);
    },
    async delete(key) {
      const all = await load();
      delete all[key];
      await save(all);
    },
  };
}

export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const all = new Map(Object.entries(initial));
  return {
    async get(key) {
      return all.get(key);
    },
    async set(key, value) {
      all.set(key, value);
    },
    async delete(key) {
      all.delete(key);
    },
  };
}

/** Finds sql-wasm.wasm next to the bundle (dist/) or in node_modules when running from source. */
export function locateSqlWasm(): string {
  const candidates = [
    path.join(__dirname, 'sql-wasm.wasm'),
    path.join(__dirname, '..', 'dist', 'sql-wasm.wasm'),
    path.join(__dirname, '..', '..', 'dist', 'sql-wasm.wasm'),
  ];
  for (const c of candidates) if (existsSync(c)) return c;
  // createRequire keeps the bundler from trying to inline the path of a file it does not bundle.
  return createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

/** Node's zlib: the same raw DEFLATE as the engine's fflate default, about twice as fast. */
export const zlibCodec: DeflateCodec = {
  deflateRaw: (data, dictionary) => deflateRawSync(data, { level: 1, dictionary }),
  inflateRaw: (data, _size, dictionary) => inflateRawSync(data, { dictionary }),
};

// DER prefixes of an Ed25519 SubjectPublicKeyInfo / PKCS#8 key: node:crypto imports raw keys through them.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function rawKey(base64url: string, what: string): Buffer {
  const bytes = Buffer.from(base64url, 'base64url');
  if (bytes.length !== 32 || bytes.toString('base64url') !== base64url) throw new Error(`${what} must be 32 bytes in base64url`);
  return bytes;
}

/** Imported public keys, by their base64url text: a hub or an agent verifies with the same few trusted keys again and again. */
const publicKeyObjects = new Map<string, KeyObject>();
const PUBLIC_KEY_CACHE_SIZE = 256;

function publicKeyObject(publicKey: string): KeyObject {
  let key = publicKeyObjects.get(publicKey);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, rawKey(publicKey, 'public key')]), format: 'der', type: 'spki' });
    if (publicKeyObjects.size >= PUBLIC_KEY_CACHE_SIZE) publicKeyObjects.delete(publicKeyObjects.keys().next().value!);
    publicKeyObjects.set(publicKey, key);
  }
  return key;
}

/** Ed25519 through node:crypto (OpenSSL), keys as raw base64url. */
export const nodeEd25519: Ed25519 = {
  generateKeyPair() {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
    return { publicKey: spki.subarray(ED25519_SPKI_PREFIX.length).toString('base64url'), privateKey: pkcs8.subarray(ED25519_PKCS8_PREFIX.length).toString('base64url') };
  },
  sign(privateKey, message) {
    const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, rawKey(privateKey, 'private key')]), format: 'der', type: 'pkcs8' });
    return cryptoSign(null, message, key).toString('base64url');
  },
  verify(publicKey, message, signature) {
    try {
      const key = publicKeyObject(publicKey);
      const sig = Buffer.from(signature, 'base64url');
      if (sig.length !== 64) return false;
      return cryptoVerify(null, message, key, sig);
    } catch {
      return false;
    }
  },
};

export const stderrLogger: Logger = {
  debug: () => {},
  info: (m) => process.stderr.write(`${m}\n`),
  warn: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
};

export interface NodePortsOptions {
  logger?: Logger;
  secrets?: SecretStore;
  clock?: EnginePorts['clock'];
}

export function createNodePorts(options: NodePortsOptions = {}): EnginePorts {
  return {
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    fs: nodeFileSystem,
    hashing: nodeHashing,
    secrets: options.secrets ?? memorySecretStore(),
    loadSqlWasm: async () => new Uint8Array(await fsp.readFile(locateSqlWasm())),
    loadWordVectors: async () => {
      const file = locateWordVectors();
      return file ? new Uint8Array(await fsp.readFile(file)) : undefined;
    },
    deflate: zlibCodec,
    ed25519: nodeEd25519,
  };
}
