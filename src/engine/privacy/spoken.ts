/**
 * Numbers as speech-to-text writes them: "four one five", "double five", "oh" for zero, "nineteen
 * eighty two", "two hundred and fifty". A run of digit groups and number words is read twice: as an
 * identifier (the digit string, with the separators the speaker used) and as a quantity (for amounts
 * and ages).
 */

const UNITS: Record<string, number> = {
  zero: 0, oh: 0, o: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

export const NUMBER_WORDS = [
  'zero', 'oh', 'nought', ...Object.keys(UNITS).filter((w) => w !== 'zero' && w !== 'oh' && w !== 'o' && w !== 'nought'),
  ...Object.keys(TEENS), ...Object.keys(TENS), 'hundred', 'thousand', 'double', 'triple',
];

const WORD_ALT = NUMBER_WORDS.slice().sort((a, b) => b.length - a.length).join('|');
const TOKEN = `(?:\\d+|(?:${WORD_ALT})(?![a-z]))`;
// Between two tokens: punctuation a speaker or a form uses to group digits, or spoken "dash"/"dot",
// or hesitation fillers; at least one character so a digit string is never split.
const SEP = `(?:[ \\t\\n\\r,]*(?:[-–./()]|(?:dash|hyphen|dot|point|slash)(?![a-z]))[ \\t\\n\\r,]*|[ \\t\\n\\r,]+(?:(?:uh|um|er)[ \\t\\n\\r,]+|(?<=(?:hundred|thousand)[ ]+)and[ ]+)?)`;

/** A maximal run of number tokens; the optional `+` keeps international prefixes. */
export const NUMBER_RUN_RE = new RegExp(`(?<![\\w.])\\+?${TOKEN}(?:${SEP}${TOKEN})*(?![\\w])`, 'gi');
/** The same runs when the text has no number words: digit groups only, a much cheaper scan. */
const DIGIT_SEP = `(?:[ \\t\\n\\r,]*[-–./()][ \\t\\n\\r,]*|[ \\t\\n\\r,]+)`;
export const DIGIT_RUN_RE = new RegExp(`(?<![\\w.])\\+?\\d+(?:${DIGIT_SEP}\\d+)*(?![\\w])`, 'g');
const PART_RE = new RegExp(`(\\d+)|(${WORD_ALT})(?![a-z])|(dash|hyphen|-|–)|(dot|point|\\.)|(slash|/)`, 'gi');

/** Cheap test used as a prefilter: does the text hold a digit or a number word at all? */
export const HAS_NUMBER_RE = new RegExp(`\\d|\\b(?:${WORD_ALT})\\b`, 'i');

export interface NumberRun {
  /** Digits and the separators `-`, `.`, `/`, ` ` (space between written groups), e.g. "415-555-1234". */
  shape: string;
  /** Digits only. */
  digits: string;
  /** The run read as a quantity ("two hundred and fifty" → 250); NaN when it is not one. */
  value: number;
  /** Whether any token was a word (the run was spoken). */
  spoken: boolean;
  /** Number of tokens (digit groups or words). */
  tokens: number;
}

/** Reads a run matched by NUMBER_RUN_RE. */
export function readNumberRun(run: string): NumberRun {
  const parts: (string | number)[] = []; // numbers: word values; strings: digit groups or separators
  let spoken = false;
  PART_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PART_RE.exec(run))) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) {
      spoken = true;
      const w = m[2].toLowerCase();
      if (w === 'double') parts.push(-2);
      else if (w === 'triple') parts.push(-3);
      else if (w === 'hundred') parts.push(-100);
      else if (w === 'thousand') parts.push(-1000);
      else parts.push(UNITS[w] ?? TEENS[w] ?? TENS[w] ?? 0);
    } else if (m[3] !== undefined) parts.push('-');
    else if (m[4] !== undefined) parts.push('.');
    else if (m[5] !== undefined) parts.push('/');
  }
  return finish(parts, spoken);
}

/**
 * Reads a run of written digit groups straight from the text (no regex): `starts`/`ends` are the groups
 * `from`..`to` inclusive; the gaps between them were already checked to be separators.
 */
export function readDigitRun(text: string, starts: readonly number[], ends: readonly number[], from: number, to: number): NumberRun {
  const parts: (string | number)[] = [];
  for (let g = from; g <= to; g++) {
    if (g > from) {
      for (let i = ends[g - 1]!; i < starts[g]!; i++) {
        const c = text.charCodeAt(i);
        if (c === 45 || c === 8211) parts.push('-');
        else if (c === 46) parts.push('.');
        else if (c === 47) parts.push('/');
      }
    }
    parts.push(text.slice(starts[g], ends[g]));
  }
  return finish(parts, false);
}

function finish(parts: (string | number)[], spoken: boolean): NumberRun {
  // Identifier reading.
  let shape = '';
  let tokens = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (typeof p === 'string') {
      if (p === '-' || p === '.' || p === '/') shape += p;
      else {
        if (shape.length > 0 && isDigitCode(shape.charCodeAt(shape.length - 1))) shape += ' ';
        shape += p;
        tokens++;
      }
      continue;
    }
    tokens++;
    if (p === -2 || p === -3) {
      const next = parts[i + 1];
      if (typeof next === 'number' && next >= 0 && next <= 9) {
        shape += String(next).repeat(-p);
        i++;
      }
      continue;
    }
    if (p === -100 || p === -1000) {
      const width = p === -100 ? 2 : 3;
      const next = parts[i + 1];
      let v = -1;
      let skip = 0;
      const afterNext = parts[i + 2];
      // "eight hundred five five five" is 800-555, not 805-55: a unit followed by more units is a digit sequence.
      const digitSequence = typeof next === 'number' && next >= 0 && next <= 9 && typeof afterNext === 'number' && afterNext >= 0 && afterNext <= 9;
      if (typeof next === 'number' && next >= 0 && !digitSequence) {
        v = next;
        skip = 1;
        const after = parts[i + 2];
        if (next >= 20 && next % 10 === 0 && typeof after === 'number' && after > 0 && after <= 9) {
          v += after;
          skip = 2;
        }
      }
      if (v >= 0 && v < 10 ** width) {
        shape += String(v).padStart(width, '0');
        i += skip;
      } else shape += '0'.repeat(width);
      continue;
    }
    if (p >= 20) {
      const next = parts[i + 1];
      if (typeof next === 'number' && next > 0 && next <= 9) {
        shape += String(p + next);
        i++;
      } else shape += String(p);
      continue;
    }
    shape += String(p);
  }
  let digits = '';
  if (shape.length > 0) {
    // Only separators and spaces are not digits: strip them without a regex when there are none.
    let plain = true;
    for (let i = 0; i < shape.length && plain; i++) plain = isDigitCode(shape.charCodeAt(i));
    digits = plain ? shape : shape.replace(/\D+/g, '');
  }
  return { shape, digits, value: quantity(parts), spoken, tokens };
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Cardinal reading: "two hundred and fifty" → 250, "1200" → 1200; NaN for digit-by-digit runs like "four one five". */
function quantity(parts: (string | number)[]): number {
  let total = 0;
  let current = 0;
  let lastWasUnit = false;
  let any = false;
  for (const p of parts) {
    if (typeof p === 'string') {
      if (p === '.' || p === '-' || p === '/') return any ? total + current : NaN;
      if (any) return NaN;
      current = Number(p);
      any = true;
      continue;
    }
    if (p === -2 || p === -3) return NaN;
    if (p === -100) {
      current = (current || 1) * 100;
      lastWasUnit = false;
    } else if (p === -1000) {
      total += (current || 1) * 1000;
      current = 0;
      lastWasUnit = false;
    } else {
      // "four one" is a digit sequence, not a quantity; "twenty one" is.
      if (lastWasUnit || (current % 100 !== 0 && p >= 10) || (current % 10 !== 0 && p < 10)) return NaN;
      current += p;
      lastWasUnit = p < 10;
    }
    any = true;
  }
  return any ? total + current : NaN;
}
