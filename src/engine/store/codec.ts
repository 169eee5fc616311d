import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

import type { DeflateCodec } from '../ports';

/**
 * Raw DEFLATE (RFC 1951) both ways. The default is fflate (pure JS, runs anywhere); a Node host passes
 * `zlib.deflateRawSync`/`inflateRawSync` through `EnginePorts.deflate`, ~2× faster (bench/store.bench.ts).
 * Both write the same format, so a file written with one reads with the other.
 */
export type { DeflateCodec };

/** Level 1: on 3–4 KB transcripts it keeps ~95 % of level 6's saving and is the cheapest fflate level. */
export const fflateCodec: DeflateCodec = {
  deflateRaw: (data, dictionary) => deflateSync(data, { level: 1, dictionary }),
  inflateRaw: (data, size, dictionary) => inflateSync(data, { out: new Uint8Array(size), dictionary }),
};

/**
 * A preset DEFLATE dictionary: the JSON shape of events and the placeholders redaction writes. A
 * transcript is only a few KB, so without it each blob pays again for every key it first mentions;
 * with it blobs are ~25 % smaller (bench). FROZEN: blobs on disk name it by tag; a better one gets a
 * new tag, never an edit.
 */
const DICTIONARY_V1 = strToU8(
  'Thank you for calling. I understand. Let me check your account. Is there anything else I can help you with today? ' +
    'refund order cancel subscription payment appointment billing charge ' +
    '[CUSTOMER_NAME] [PHONE] [EMAIL] [DOLLAR_AMOUNT] [ADDRESS] [CARD_LAST4] [DATE] [TIME] [ACCOUNT_NUMBER] ' +
    '{"eventId":"","callId":"","agentId":"","ts":,"type":"agent.error","code":"","message":"","stage":"tool"},' +
    '{"eventId":"","callId":"","agentId":"","ts":,"type":"tool.called","toolCallId":"","name":"","arguments":{}},' +
    '{"eventId":"","callId":"","agentId":"","ts":,"type":"tool.result","toolCallId":"","name":"","ok":true,"result":""},' +
    '{"eventId":"","callId":"","agentId":"","ts":,"type":"call.ended","outcome":{"resolved":true,"escalated":false,"transferred":false,"abandoned":false,"durationMs":,"endReason":"completed"}}]' +
    '[{"eventId":"","callId":"","agentId":"","ts":,"type":"call.started","channel":"voice","source":{"file":"","index":,"format":"kaizen-jsonl"}},' +
    '{"eventId":"","callId":"","agentId":"","ts":,"type":"turn","role":"agent","text":""},' +
    '{"eventId":"","callId":"","agentId":"","ts":,"type":"turn","role":"user","text":""},',
);

/**
 * Blob layout: one tag byte, the UTF-8 length as u32 little-endian, then the body.
 * Tag 0 = plain UTF-8 JSON (when deflate would not shrink it), tag 1 = raw DEFLATE with DICTIONARY_V1.
 */
const TAG_PLAIN = 0;
const TAG_DEFLATE_V1 = 1;
const HEADER = 5;

export function packJson(value: unknown, codec: DeflateCodec = fflateCodec): Uint8Array {
  const utf8 = strToU8(JSON.stringify(value));
  const body = utf8.length >= 64 ? codec.deflateRaw(utf8, DICTIONARY_V1) : utf8;
  const packed = body.length < utf8.length;
  const out = new Uint8Array(HEADER + (packed ? body.length : utf8.length));
  out[0] = packed ? TAG_DEFLATE_V1 : TAG_PLAIN;
  new DataView(out.buffer).setUint32(1, utf8.length, true);
  out.set(packed ? body : utf8, HEADER);
  return out;
}

export function unpackJson<T>(blob: Uint8Array, codec: DeflateCodec = fflateCodec): T {
  const size = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(1, true);
  const body = blob.subarray(HEADER);
  switch (blob[0]) {
    case TAG_PLAIN:
      return JSON.parse(strFromU8(body)) as T;
    case TAG_DEFLATE_V1:
      return JSON.parse(strFromU8(codec.inflateRaw(body, size, DICTIONARY_V1))) as T;
    default:
      throw new Error(`unknown blob encoding ${blob[0]} (written by a newer Kaizen?)`);
  }
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
