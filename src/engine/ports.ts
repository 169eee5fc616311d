/**
 * What the engine needs from its host. The CLI, the tests and the extension pass Node
 * implementations (src/node/nodePorts.ts); the engine itself never imports a Node built-in.
 */
export interface Clock {
  now(): number;
}

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Streams a file in chunks so a file of any size is never held whole. */
  readChunks(path: string, options?: { signal?: AbortSignal }): AsyncIterable<Uint8Array>;
  /** Writes to a temp file beside `path`, fsyncs it, then renames it over `path`. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  exists(path: string): Promise<boolean>;
  stat(path: string): Promise<FileStat | undefined>;
  mkdirp(path: string): Promise<void>;
  remove(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
}

export interface Hashing {
  /** Hex sha-256 of UTF-8 text or bytes. */
  sha256(data: string | Uint8Array): string;
  /** Hex HMAC-SHA-256 under `key`. */
  hmacSha256(key: Uint8Array, data: string): string;
  randomBytes(size: number): Uint8Array;
}

/** Secrets that never leave the machine (the workspace HMAC key, the Anthropic API key). */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Raw DEFLATE (RFC 1951) with a preset dictionary. The engine ships a pure-JS default (fflate); a
 * Node host passes zlib, about twice as fast. Both write the same format.
 */
export interface DeflateCodec {
  deflateRaw(data: Uint8Array, dictionary: Uint8Array): Uint8Array;
  /** `size` is the exact inflated length, known from the blob header. */
  inflateRaw(data: Uint8Array, size: number, dictionary: Uint8Array): Uint8Array;
}

/**
 * Ed25519 (RFC 8032) for the collective's signed envelopes. Keys and signatures cross the port as
 * base64url: public keys are the raw 32 bytes, private keys the raw 32-byte seed.
 */
export interface Ed25519 {
  generateKeyPair(): { publicKey: string; privateKey: string };
  sign(privateKey: string, message: Uint8Array): string;
  /** False (never a throw) for a malformed key or signature. */
  verify(publicKey: string, message: Uint8Array, signature: string): boolean;
}

export interface EnginePorts {
  clock: Clock;
  logger: Logger;
  fs: FileSystem;
  hashing: Hashing;
  secrets: SecretStore;
  /** The bytes of sql.js's `sql-wasm.wasm`. */
  loadSqlWasm(): Promise<Uint8Array>;
  /**
   * The bytes of the pretrained word vectors intent induction reads (assets/word-vectors-100d.bin),
   * or undefined where the host has none: induction then runs on the texts' own terms alone.
   */
  loadWordVectors?(): Promise<Uint8Array | undefined>;
  /** A faster DEFLATE than the engine's pure-JS default, where the host has one. */
  deflate?: DeflateCodec;
  /** Signatures of the collective's envelopes (node:crypto on Node). */
  ed25519?: Ed25519;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export const systemClock: Clock = { now: () => Date.now() };
