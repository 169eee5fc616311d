import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

/**
 * Level 1 deflate: on ~3 KB transcripts it keeps ~80 % of level 6's saving at a fraction of the
 * cost, and compression sits on the ingest hot path (see bench/store.bench.ts).
 */
const LEVEL = 1;

export function packJson(value: unknown): Uint8Array {
  return deflateSync(strToU8(JSON.stringify(value)), { level: LEVEL });
}

export function unpackJson<T>(bytes: Uint8Array): T {
  return JSON.parse(strFromU8(inflateSync(bytes))) as T;
}

/** JSON with object keys sorted at every depth and `undefined` members dropped: a stable hash input. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
