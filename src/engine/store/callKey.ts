/**
 * A 53-bit key for a call id (two FNV-1a-style 32-bit hashes with different offsets, joined), so the
 * hot file's index of sealed calls is an integer primary key: ~12 bytes a call instead of the id's
 * text. A collision only costs a look into a segment (the id is compared there), never a wrong answer.
 */
export function callKey(callId: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < callId.length; i++) {
    const c = callId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
