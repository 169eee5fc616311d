import { US_STATE_CODES } from './lexicon/places';
import type { EntityType } from './types';
import * as P from './patterns';
import * as W from './wordTable';
import * as T from './textScan';

// Local bindings: a transpiled import is read through a getter on every use, too slow in the per-character loop.
const { EURO_STREET_END_RE, EURO_STREET_TAILS } = P;
const { C_ACCOUNT, C_DL, STRONG_ADDRESS_WORDS, hashStep, lookupWord } = W;
const { isAsciiLower, isDigitCode, isNonAsciiLetter } = T;

/**
 * The shared token buffer every detector family reads: one pass over a text fills word starts, ends,
 * capitalisation, lexicon bits and hashes, digit groups, and raises the flags that decide which families
 * run at all. The arrays are reused across texts (detection is synchronous), so a pass allocates nothing
 * per token.
 */
export interface Flags {
  digit: boolean;
  upper: boolean;
  at: boolean;
  atWord: boolean;
  dotWord: boolean;
  month: boolean;
  numberWord: boolean;
  address: boolean;
  stateCode: boolean;
  url: boolean;
  money: boolean;
  spelledRun: boolean;
  nameHint: boolean;
  placeHint: boolean;
  unit: boolean;
  iban: boolean;
  idContext: boolean;
  letterDigit: boolean;
  orgHint: boolean;
  selfHint: boolean;
  thisHint: boolean;
  /** A street word written in lower case ("wallaby way"): speech-to-text, the spoken-address family's cue. */
  lowerStreet: boolean;
  /** A weekday name ("Monday"): dates family. */
  weekday: boolean;
}

/** What one family of detectors gets: the text, its tokens and flags, what the other side asked, and where to report. */
export interface DetectContext {
  text: string;
  lower: string;
  tokens: TokenBuffer;
  flags: Flags;
  /** What the other side just asked for, when this turn answers a question. */
  hint?: 'name' | 'spell' | 'number' | 'address' | 'email';
  push(type: EntityType, start: number, end: number, score: number): void;
}

export class TokenBuffer {
  /** Word starts, ends, capitalised or not, lexicon bits (`wordTable`), hashes. */
  readonly ts: number[] = [];
  readonly te: number[] = [];
  readonly tc: boolean[] = [];
  readonly ti: number[] = [];
  readonly th: number[] = [];
  /** Digit groups (maximal runs of 0-9), for the number-run reader. */
  readonly dS: number[] = [];
  readonly dE: number[] = [];
  ntok = 0;
  nd = 0;
  text = '';
  lower = '';
  /** Where the first number word and the last street word are: a spoken address needs the first before the second. */
  firstNumberWord = -1;
  lastStreetWord = -1;

  /** The lower-cased word of token k (sliced on demand: most tokens are never needed as strings). */
  word(k: number): string {
    return this.lower.slice(this.ts[k], this.te[k]);
  }

  tokenize(text: string, lower: string): Flags {
    const { ts, te, tc, ti, th, dS, dE } = this;
    this.text = text;
    this.lower = lower;
    let firstNumberWord = -1;
    let lastStreetWord = -1;
    const f: Flags = {
      digit: false, upper: false, at: false, atWord: false, dotWord: false, month: false, numberWord: false, address: false,
      stateCode: false, url: false, money: false, spelledRun: false, nameHint: false, placeHint: false, unit: false, iban: false, idContext: false, letterDigit: false, orgHint: false, selfHint: false, thisHint: false, lowerStreet: false, weekday: false,
    };
    let ntok = 0;
    let nd = 0;
    let singles = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        f.digit = true;
        dS[nd] = i;
        i++;
        while (i < n && isDigitCode(text.charCodeAt(i))) i++;
        dE[nd] = i;
        nd++;
        continue;
      }
      const lc = lower.charCodeAt(i);
      const isLetter = (lc >= 97 && lc <= 122) || (c > 127 && isNonAsciiLetter(text[i]!));
      if (!isLetter) {
        if (c === 64) f.at = true;
        else if (c === 36 || c === 8364 || c === 163) f.money = true;
        i++;
        continue;
      }
      const start = i;
      const cap = c !== lc;
      if (cap) f.upper = true;
      let h = hashStep(0, lc);
      i++;
      while (i < n) {
        const d = lower.charCodeAt(i);
        if ((d >= 97 && d <= 122) || (d > 127 && isNonAsciiLetter(text[i]!))) {
          if (!f.upper && text.charCodeAt(i) !== d) f.upper = true;
          h = hashStep(h, d);
          i++;
        } else if ((d === 39 || d === 8217 || d === 45) && i + 1 < n && isAsciiLower(lower.charCodeAt(i + 1))) {
          // "Meza's" is the word "Meza": stop before a possessive 's.
          if (d !== 45 && lower.charCodeAt(i + 1) === 115 && (i + 2 >= n || !isAsciiLower(lower.charCodeAt(i + 2)))) break;
          h = hashStep(h, d);
          i++;
        } else break;
      }
      ts[ntok] = start;
      te[ntok] = i;
      tc[ntok] = cap;
      if (i - start === 1) {
        if (++singles >= 3) f.spelledRun = true;
      } else singles = 0;
      const info = lookupWord(lower, start, i, h);
      ti[ntok] = info;
      th[ntok] = h;
      ntok++;
      if ((info & (C_ACCOUNT | C_DL)) !== 0) f.idContext = true;
      const flag = (info >>> 8) & 0xff;
      if (flag !== 0) {
        switch (flag) {
          case 1: f.atWord = true; break;
          case 2: f.dotWord = true; break;
          case 3: f.month = true; break;
          case 4: f.numberWord = true; if (firstNumberWord < 0) firstNumberWord = start; break;
          case 5:
            lastStreetWord = start;
            if (!cap) f.lowerStreet = true;
            if (cap || STRONG_ADDRESS_WORDS.has(lower.slice(start, i))) f.address = true;
            break;
          case 12: f.address = true; f.unit = true; break;
          case 6: f.money = true; break;
          case 7: f.nameHint = true; break;
          case 8: f.placeHint = true; break;
          case 9: f.url = true; break;
          case 10: if (start > 0 && text.charCodeAt(start - 1) === 46) f.url = true; break;
          case 11: f.month = true; f.nameHint = true; break;
          case 13: f.orgHint = true; break;
          case 14: f.selfHint = true; break;
          case 15: f.thisHint = true; break;
          case 16: f.weekday = true; break;
        }
      } else if (cap && i - start > 4 && EURO_STREET_TAILS.has(lower.slice(i - 3, i)) && EURO_STREET_END_RE.test(lower.slice(start, i))) f.address = true;
      if (cap && i - start === 2 && text.charCodeAt(start + 1) < 91) {
        if (US_STATE_CODES.has(text.slice(start, i))) f.stateCode = true;
        if (isDigitCode(text.charCodeAt(i))) f.iban = true;
      }
      // "SW1A 1AA", "K1A 0B1": one or two capitals glued to a digit start every UK or Canadian postcode.
      if (cap && i - start <= 2 && isDigitCode(text.charCodeAt(i)) && (i - start === 1 || text.charCodeAt(start + 1) < 91)) f.letterDigit = true;
    }
    this.ntok = ntok;
    this.nd = nd;
    this.firstNumberWord = firstNumberWord;
    this.lastStreetWord = lastStreetWord;
    return f;
  }
}
