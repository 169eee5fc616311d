/**
 * Typed arrays ↔ little-endian base64, written here because the engine has no Buffer (it runs
 * outside Node too) and a JSON array of a million floats would be several times larger.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Reverses each `size`-byte word in place (big-endian hosts only). */
function swapWords(bytes: Uint8Array, size: number): void {
  for (let i = 0; i + size <= bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

function bytesOf(view: ArrayBufferView, size: number): Uint8Array {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  if (littleEndian) return bytes;
  const copy = new Uint8Array(bytes);
  swapWords(copy, size);
  return copy;
}

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    chunk += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
    chunk += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[c & 63] : '=';
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error('base64 length must be a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = [0, 1, 2, 3].map((j) => {
      const ch = text.charCodeAt(i + j);
      if (ch === 61) return 0; // '='
      const v = ch < 128 ? DECODE[ch]! : -1;
      if (v < 0) throw new Error(`invalid base64 character at ${i + j}`);
      return v;
    });
    const triple = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    if (o < out.length) out[o++] = (triple >> 16) & 255;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}

function wordsFrom(text: string, field: string, size: number): Uint8Array {
  const bytes = decodeBase64(text);
  if (bytes.length % size !== 0) throw new Error(`${field}: byte length ${bytes.length} is not a multiple of ${size}`);
  if (!littleEndian) swapWords(bytes, size);
  return bytes;
}

export const encodeFloat32 = (a: Float32Array): string => encodeBase64(bytesOf(a, 4));
export const encodeInt32 = (a: Int32Array): string => encodeBase64(bytesOf(a, 4));
export const encodeUint16 = (a: Uint16Array): string => encodeBase64(bytesOf(a, 2));

export function decodeUint16(text: string, field: string): Uint16Array {
  const bytes = wordsFrom(text, field, 2);
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

export function decodeFloat32(text: string, field: string): Float32Array {
  const bytes = wordsFrom(text, field, 4);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

export function decodeInt32(text: string, field: string): Int32Array {
  const bytes = wordsFrom(text, field, 4);
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
