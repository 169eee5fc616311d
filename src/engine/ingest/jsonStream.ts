/**
 * An incremental JSON splitter: it tracks nesting depth and string state character by character and
 * slices out one top-level value at a time, so a file that is one huge JSON array (τ-bench) is
 * parsed element by element with memory bounded by the largest element. It does not validate JSON;
 * each slice goes to JSON.parse, and a bad element becomes one rejected record, not a failed file.
 *
 * No streaming JSON library is used: the ones on npm are built on Node streams (the engine gets
 * bytes only through ports) and do far more than we need (we only need element boundaries).
 */
export interface JsonSlice {
  kind: 'value';
  text: string;
  /** 0-based position among the slices. */
  index: number;
  /** 1-based line where the value starts. */
  line: number;
}
export interface JsonSliceError {
  kind: 'error';
  line: number;
  reason: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COMMA = 0x2c;
const NL = 0x0a;

/**
 * `array`: the text is one JSON array; yields its elements.
 * `values`: the text is one or more JSON values one after the other (a pretty-printed document, or
 * several); yields each.
 */
export async function* sliceJson(texts: AsyncIterable<string>, mode: 'array' | 'values'): AsyncGenerator<JsonSlice | JsonSliceError> {
  let depth = 0;
  let inString = false;
  let escape = false;
  let line = 1;
  let arrayOpen = false;
  let arrayClosed = false;
  let inValue = false;
  let bareValue = false; // a top-level value that is not an object or array: runs to the end of its line
  let parts: string[] = [];
  let valueLine = 0;
  let index = 0;
  const base = mode === 'array' ? 1 : 0;

  for await (const text of texts) {
    const out: (JsonSlice | JsonSliceError)[] = [];
    let segStart = inValue ? 0 : -1;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escape) {
          escape = false;
          continue;
        }
        if (c === BACKSLASH) {
          escape = true;
          continue;
        }
        if (c === QUOTE) {
          inString = false;
          continue;
        }
        // A raw newline is not legal inside a JSON string; count it anyway so line numbers stay true.
        if (c === NL) line++;
        continue;
      }
      if (c === NL) line++;
      if (!inValue) {
        if (WS.has(c)) continue;
        if (mode === 'array') {
          if (arrayClosed) {
            out.push({ kind: 'error', line, reason: 'text after the closing ] of the array; remove it' });
            yield* out;
            return;
          }
          if (!arrayOpen) {
            if (c === OPEN_ARR) {
              arrayOpen = true;
              depth = 1;
              continue;
            }
            out.push({ kind: 'error', line, reason: 'the file does not start with [ (expected one JSON array)' });
            yield* out;
            return;
          }
          if (c === COMMA) continue;
          if (c === CLOSE_ARR) {
            arrayClosed = true;
            depth = 0;
            continue;
          }
        }
        inValue = true;
        bareValue = mode === 'values' && c !== OPEN_OBJ && c !== OPEN_ARR;
        segStart = i;
        valueLine = line;
      }
      // Inside a value.
      if (bareValue) {
        if (c === NL) {
          parts.push(text.slice(segStart, i));
          out.push({ kind: 'value', text: parts.join('').trim(), index: index++, line: valueLine });
          parts = [];
          inValue = false;
        }
        continue;
      }
      if (mode === 'array' && depth === base && (c === COMMA || c === CLOSE_ARR)) {
        parts.push(text.slice(segStart, i));
        out.push({ kind: 'value', text: parts.join('').trim(), index: index++, line: valueLine });
        parts = [];
        inValue = false;
        if (c === CLOSE_ARR) {
          arrayClosed = true;
          depth = 0;
        }
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
      else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        depth--;
        if (mode === 'values' && depth === 0) {
          parts.push(text.slice(segStart, i + 1));
          out.push({ kind: 'value', text: parts.join(''), index: index++, line: valueLine });
          parts = [];
          inValue = false;
        }
      }
    }
    if (inValue) parts.push(text.slice(segStart));
    yield* out;
  }
  if (inValue) {
    if (bareValue) {
      yield { kind: 'value', text: parts.join('').trim(), index: index++, line: valueLine };
    } else {
      yield { kind: 'error', line: valueLine, reason: `the file ends inside a value that starts at line ${valueLine} (truncated file?)` };
    }
    return;
  }
  if (mode === 'array' && arrayOpen && !arrayClosed) {
    yield { kind: 'error', line, reason: 'the file ends before the closing ] of the array (truncated file?)' };
  }
}
