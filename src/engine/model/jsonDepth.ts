/**
 * The deepest nesting of arrays/objects in JSON text (strings skipped), once it passes `max`; else
 * undefined. Iterative, so it cannot overflow the stack itself: it is what lets import and bundle
 * reading refuse hostile nesting before `JSON.parse` or a recursive walk would.
 */
export function jsonDepthExceeds(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}
