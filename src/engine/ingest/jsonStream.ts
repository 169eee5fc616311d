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
  /** 0-based position among the slices, when the error is one record's (too long, truncated). */
  index?: number;
  reason: string;
}

export interface SliceOptions {
  /** A value longer than this is dropped while it streams by and reported (default: no limit). */
  maxChars?: number;
  /** The reason given for a value over `maxChars` (its length so far). */
  tooLong?: (chars: number) => string;
  /** @internal How many broken records before this slice were re-read (bounds the work on a badly broken file). */
  rereads?: number;
}

/** Broken records re-read in one file at most; past this, the rest of a broken file is one rejection. */
const MAX_REREADS = 1000;

const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COMMA = 0x2c;
const NL = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

/**
 * `array`: the text is one JSON array; yields its elements.
 * `values`: the text is one or more JSON values one after the other (a pretty-printed document, or
 * several); yields each.
 *
 * Resynchronisation: a broken record (truncated, a quote or brace lost) would otherwise run on into the
 * next records until the depth happens to balance. Files written by a formatter put each record at
 * the same column (`recordIndent`, learned from the first record that starts a line) and everything
 * inside it deeper. So while a value is open, a line that starts at that column with the record's
 * opening character starts a new record: the open one ends there (and fails to parse: one rejection).
 * This is done only when the first record had all its inner lines right of that column (or none): a
 * hand-written, unindented file is never cut.
 */
export async function* sliceJson(texts: AsyncIterable<string>, mode: 'array' | 'values', options: SliceOptions = {}): AsyncGenerator<JsonSlice | JsonSliceError> {
  const maxChars = options.maxChars ?? Number.POSITIVE_INFINITY;
  let depth = 0;
  let inString = false;
  let escape = false;
  let line = 1;
  let arrayOpen = false;
  let arrayClosed = false;
  let inValue = false;
  let bareValue = false; // a top-level value that is not an object or array: runs to the end of its line
  let parts: string[] = [];
  let partsLen = 0;
  let oversize = 0; // characters of the current value dropped for being over maxChars (0: none)
  let valueLine = 0;
  let index = 0;
  const base = mode === 'array' ? 1 : 0;
  // Column tracking for resynchronisation.
  let column = 0; // characters since the last newline
  let lineBlank = true; // only whitespace so far on this line
  let recordIndent = -1; // column where records start (-1: not yet known)
  let recordOpener = 0; // the first character of the record that set recordIndent
  let valueShallow = false; // the open value has an inner line at or left of recordIndent
  let indented: boolean | undefined; // the first complete record kept its inner lines right of recordIndent
  let charColumn = 0; // column of the character being read
  let charStartsLine = false; // it is the first non-blank character of its line

  const startValue = (c: number, at: number) => {
    inValue = true;
    bareValue = mode === 'values' && c !== OPEN_OBJ && c !== OPEN_ARR;
    valueLine = line;
    valueShallow = false;
    // Between values the depth is the container's; a broken value must not leave it off.
    depth = base;
    if (charStartsLine && recordIndent < 0 && !bareValue) {
      recordIndent = charColumn;
      recordOpener = c;
    }
    return at;
  };
  const endValue = (text: string, out: (JsonSlice | JsonSliceError)[], trim: boolean, whole = true) => {
    if (indented === undefined && whole && recordIndent >= 0 && !bareValue) indented = !valueShallow;
    if (oversize > 0) {
      out.push({ kind: 'error', line: valueLine, index: index++, reason: (options.tooLong ?? defaultTooLong)(oversize + text.length) });
    } else {
      parts.push(text);
      const joined = parts.join('');
      out.push({ kind: 'value', text: trim ? joined.trim() : joined, index: index++, line: valueLine });
    }
    parts = [];
    partsLen = 0;
    oversize = 0;
    inValue = false;
  };

  for await (const text of texts) {
    const out: (JsonSlice | JsonSliceError)[] = [];
    let segStart = inValue ? 0 : -1;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Column bookkeeping (before any state change, so `column` is this character's column).
      const atLineStartChar = lineBlank && c !== SPACE && c !== TAB && c !== CR && c !== NL;
      charColumn = column;
      charStartsLine = atLineStartChar;
      if (atLineStartChar && inValue && !bareValue && recordIndent >= 0 && line !== valueLine) {
        if (column === recordIndent && c === recordOpener && indented === true) {
          // A new record starts here while the last one is still open: the last one is broken.
          endValue(text.slice(segStart, i), out, true, false);
          inString = false;
          escape = false;
          depth = base;
          segStart = startValue(c, i);
          depth++;
          lineBlank = false;
          column++;
          continue;
        }
        if (column <= recordIndent && c !== CLOSE_OBJ && c !== CLOSE_ARR) valueShallow = true;
      }
      if (c === NL) {
        column = 0;
        lineBlank = true;
      } else {
        column++;
        if (atLineStartChar) lineBlank = false;
      }

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
            // A stray ] (a broken record) or junk after the array: say so, and read on for more records.
            out.push({ kind: 'error', line, reason: 'text after a closing ] of the array; remove it, or fix the record before it' });
            arrayClosed = false;
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
        segStart = startValue(c, i);
      }
      // Inside a value.
      if (bareValue) {
        if (c === NL) endValue(text.slice(segStart, i), out, true);
        continue;
      }
      if (mode === 'array' && depth === base && (c === COMMA || c === CLOSE_ARR)) {
        endValue(text.slice(segStart, i), out, true);
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
        if (mode === 'values' && depth === 0) endValue(text.slice(segStart, i + 1), out, false);
      }
    }
    if (inValue) {
      const tail = text.slice(segStart);
      if (oversize > 0) oversize += tail.length;
      else if (partsLen + tail.length > maxChars) {
        // Over the limit: stop keeping it; keep scanning so the next record is found.
        oversize = partsLen + tail.length;
        parts = [];
        partsLen = 0;
      } else {
        parts.push(tail);
        partsLen += tail.length;
      }
    }
    yield* out;
  }
  yield* finalValue();

  async function* finalValue(): AsyncGenerator<JsonSlice | JsonSliceError> {
    if (inValue) {
      if (bareValue && oversize === 0) {
        yield { kind: 'value', text: parts.join('').trim(), index: index++, line: valueLine };
      } else if (oversize > 0) {
        yield { kind: 'error', line: valueLine, index: index++, reason: (options.tooLong ?? defaultTooLong)(oversize) };
      } else {
        yield* rereadAfterBroken(parts.join(''));
      }
      return;
    }
    if (mode === 'array' && arrayOpen && !arrayClosed) {
      yield { kind: 'error', line, reason: 'the file ends before the closing ] of the array (truncated file?)' };
    }
  }

  /**
   * The file ended inside a value: a quote or bracket of that record is missing, and every record after
   * it was read as part of it (a file whose indentation did not show where records start). The next
   * line that starts with the record's opening character starts the next record: the broken one is
   * one rejection, and the rest is read again from there, so its records are not lost with it.
   */
  async function* rereadAfterBroken(broken: string): AsyncGenerator<JsonSlice | JsonSliceError> {
    const opener = broken.charAt(0);
    const rereads = options.rereads ?? 0;
    let cut = -1;
    if ((opener === '{' || opener === '[') && rereads < MAX_REREADS) {
      const next = /\n[ \t\r]*([{[])/g;
      for (let m = next.exec(broken); m !== null; m = next.exec(broken)) {
        if (m[1] === opener) {
          cut = m.index + m[0].length - 1;
          break;
        }
      }
    }
    // One line holding every record ("[{…},{…}]" with no newlines): the next record starts inside this line.
    const sameLine = cut < 0 && mode === 'array' && opener === '{' && rereads < MAX_REREADS ? sameLineCut(broken) : -1;
    if (cut < 0) cut = sameLine;
    if (cut < 0) {
      yield { kind: 'error', line: valueLine, index: index++, reason: `the file ends inside a value that starts at line ${valueLine} (truncated file?)` };
      return;
    }
    let restLine = valueLine;
    for (let i = broken.indexOf('\n'); i >= 0 && i < cut; i = broken.indexOf('\n', i + 1)) restLine++;
    const recordNo = index + 1;
    yield {
      kind: 'error',
      line: valueLine,
      index: index++,
      reason:
        sameLine >= 0
          ? `record ${recordNo} (starting on line ${valueLine}) is broken (a quote, brace or bracket is missing, e.g. an unterminated string) and ran into the next record; it was cut ${cut} characters after its start, where the next record begins, and the file was read on from there. Fix that record's quotes and brackets and import the file again to keep it`
          : `the record that starts at line ${valueLine} is broken (a quote, brace or bracket is missing) and ran into the next record; the file was read on from line ${restLine}`,
    };
    const rest = (mode === 'array' ? '[' : '') + broken.slice(cut);
    const first = index;
    for await (const s of sliceJson(once(rest), mode, { ...options, rereads: rereads + 1 })) {
      const at = { line: s.line + restLine - 1, ...(s.index !== undefined ? { index: s.index + first } : {}) };
      yield { ...s, ...at } as JsonSlice | JsonSliceError;
    }
  }
}

/**
 * Where the next record begins inside a broken one-line record: the first "}, {" after which a whole
 * object parses and is followed by "," or the end of the array, preferring one that opens with the broken
 * record's own first key (records of one array share their shape; an object nested inside the broken
 * record rarely does). -1 when there is none.
 */
function sameLineCut(broken: string): number {
  const key = /^\{\s*("(?:[^"\\\n]|\\.){0,200}")\s*:/.exec(broken)?.[1];
  const keyRe = key === undefined ? undefined : new RegExp(`^\\{\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
  const boundary = /\}[ \t\r\n]*,[ \t\r\n]*\{/g;
  let fallback = -1;
  for (let m = boundary.exec(broken); m !== null; m = boundary.exec(broken)) {
    const at = m.index + m[0].length - 1;
    const sameKey = keyRe !== undefined && keyRe.test(broken.slice(at, at + key!.length + 8));
    if (!sameKey && fallback >= 0) continue;
    if (!wholeObjectAt(broken, at)) continue;
    if (sameKey) return at;
    fallback = at;
  }
  return fallback;
}

/** Whether a JSON object starting at `at` closes, parses, and is followed by ",", "]" or the end of the text. */
function wholeObjectAt(text: string, at: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
    else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
      depth--;
      if (depth > 0) continue;
      try {
        JSON.parse(text.slice(at, i + 1));
      } catch {
        return false;
      }
      const next = /^[ \t\r\n]*([,\]]|$)/.exec(text.slice(i + 1, i + 64));
      return next !== null && (next[1] !== ']' || /^[ \t\r\n]*\][ \t\r\n]*$/.test(text.slice(i + 1)));
    }
  }
  return false;
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

function defaultTooLong(chars: number): string {
  return `the value is too long (${chars} characters)`;
}
