import { COMMON_WORD_SET } from './lexicon/commonWords';
import { ENGLISH_WORD_SET } from './lexicon/englishWords';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { CITY_PHRASES, CITY_WORDS } from './lexicon/cities';
import { MULTI_WORD_PLACES, PLACE_SET, REGION_PHRASE_FIRST, REGION_SET } from './lexicon/places';
import { SURNAME_SET } from './lexicon/surnames';
import { NUMBER_WORDS } from './spoken';
import { LOCAL_STREET_WORDS, STREET_SUFFIX, TLD } from './patterns';

/**
 * The word table: every lexicon word with its bits (name, surname, everyday word, place, keyword flag,
 * context class), as a Map and as an open-addressing hash table the tokenizer probes without slicing.
 */

/** Words that switch detectors on: 1 "at", 2 "dot", 3 month, 4 number word, 5 street word, 6 money word, 7 name hint, 8 place hint, 9 url, 10 TLD after a dot, 11 month + name, 12 unit, 13 company context, 14 self-naming, 15 "this", 16 weekday. */
export const KEYWORD_FLAGS = new Map<string, number>();
for (const w of ['at']) KEYWORD_FLAGS.set(w, 1);
for (const w of ['dot']) KEYWORD_FLAGS.set(w, 2);
for (const w of 'jan january feb february mar march apr april may june jun july jul aug august sep sept september oct october nov november dec december'.split(' ')) KEYWORD_FLAGS.set(w, 3);
for (const w of NUMBER_WORDS) KEYWORD_FLAGS.set(w, 4);
for (const w of [...STREET_SUFFIX.split('|').flatMap((x) => [x, `${x}s`]), ...LOCAL_STREET_WORDS.split('|').filter((w) => w.length > 2), 'via', 'rue', 'calle', 'avenida', 'rua', 'ulica', 'piazza', 'chemin', 'box', 'psc', 'fpo', 'apo', 'dpo', 'uss', 'usns', 'usnv', 'corso', 'viale', 'largo', 'carrer', 'c']) KEYWORD_FLAGS.set(w, 5);
for (const w of ['apt', 'apartment', 'suite', 'ste', 'unit', 'flat', 'floor', 'room', 'bldg', 'building']) KEYWORD_FLAGS.set(w, 12);
for (const w of ['dollar', 'dollars', 'bucks', 'usd', 'euro', 'euros', 'pounds', 'eur', 'gbp', 'cents']) KEYWORD_FLAGS.set(w, 6);
for (const w of ['name', 'names', 'spell', 'spelled', 'spelling', 'surname', 'named', 'called', 'call', 'mr', 'mrs', 'ms', 'miss', 'mister', 'dr', 'prof', 'dear', 'under', 'assistant', 'speaking', 'talking', 'spoke', 'ask', 'starring', 'featuring', 'married', 'directed', 'written', 'performed', 'composed', 'produced', 'painted', 'signed', 'authored', 'sung', 'narrated', 'founded', 'said', 'asked', 'replied']) KEYWORD_FLAGS.set(w, 7);
// 13: company contexts ("thank you for calling X", "X support"); 14: a speaker naming themself ("Grace here").
for (const w of ['calling', 'reached', 'welcome', 'choosing', 'contacting', 'support', 'customer', 'help', 'helpdesk', 'helpline']) KEYWORD_FLAGS.set(w, 13);
for (const w of ['here']) KEYWORD_FLAGS.set(w, 14);
// 15: "this is <Name>" (its own cheap pass; the trigger regex would run on every text with "this").
for (const w of ['this']) KEYWORD_FLAGS.set(w, 15);
for (const w of ['live', 'living', 'lives', 'lived', 'reside', 'resides', 'moved', 'based', 'located', 'born', 'from']) KEYWORD_FLAGS.set(w, 8);
for (const w of ['http', 'https', 'www']) KEYWORD_FLAGS.set(w, 9);
for (const w of TLD.slice(3, -1).split('|')) if (!KEYWORD_FLAGS.has(w)) KEYWORD_FLAGS.set(w, 10);
for (const w of ['may']) KEYWORD_FLAGS.set(w, 3);
// 16: weekday names (a day someone did something on is a date: "I called on Monday").
export const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
for (const w of WEEKDAYS) KEYWORD_FLAGS.set(w, 16);

/** Street words that mean an address in lower case too ("main street"); the rest count only capitalised ("Lake"). */
export const STRONG_ADDRESS_WORDS = new Set([...LOCAL_STREET_WORDS.split('|').filter((w) => w.length > 2), 'fpo', 'apo', 'dpo', 'uss', 'usns', 'usnv', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct', 'highway', 'hwy', 'parkway', 'pkwy', 'terrace', 'box', 'psc', 'rue', 'calle', 'avenida', 'rua', 'ulica', 'via']);
export const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near']);

/**
 * Context classes of the words before a number (bits from 16 in LEXICON): the regex that confirms a
 * context runs only when a word of its class is in the window, so most numbers cost no regex at all.
 */
export const C_CARD = 1 << 16;
export const C_TAIL = 1 << 17;
export const C_SSN = 1 << 18;
export const C_PHONE = 1 << 19;
export const C_ACCOUNT = 1 << 20;
export const C_DL = 1 << 21;
export const C_ZIP = 1 << 22;
export const C_DOB = 1 << 23;
export const C_YEAR = 1 << 24;
export const C_AGE = 1 << 25;
export const CONTEXT_WORDS: [number, string][] = [
  [C_CARD, 'card credit debit visa mastercard amex american discover cc'],
  [C_TAIL, 'ending ends last'],
  [C_SSN, 'ssn social ss tax tin'],
  [C_PHONE, 'phone number call reach cell mobile tel telephone text contact fax dial line'],
  [C_ACCOUNT, 'account acct order member membership policy confirmation reference ref booking ticket invoice tracking customer routing case claim reservation loyalty pin passcode passport id license licence serial record mrn patient'],
  [C_DL, "driver drivers driver's driving license licence dl"],
  [C_ZIP, 'zip postal post postcode zipcode code'],
  [C_DOB, 'born birth dob d birthday bday'],
  [C_YEAR, 'born since in from year of until till by during around circa'],
  [C_AGE, "aged age i'm am he she is turned turning was were be both"],
];

/** Multi-word place names by their first word, longest first. */
export const MULTI_PLACE_FIRST = new Map<string, string[][]>();
for (const p of [...MULTI_WORD_PLACES].sort((a, b) => b.length - a.length)) {
  const words = p.split(' ');
  const list = MULTI_PLACE_FIRST.get(words[0]!) ?? [];
  list.push(words);
  MULTI_PLACE_FIRST.set(words[0]!, list);
}

/** Words of a place name as the tokenizer cuts them ("port o' warren" → port, o, warren). */
const placeTokens = (name: string): string[] => name.split(/[^\p{L}'-]+/u).map((w) => w.replace(/^['-]+|['-]+$/g, '')).filter(Boolean);

/** Gazetteer place names of several words (lexicon/cities.ts), by their first word, longest first. */
export const CITY_MULTI_FIRST = new Map<string, string[][]>();
for (const p of CITY_PHRASES.split('|').map(placeTokens).filter((w) => w.length > 1).sort((a, b) => b.length - a.length)) {
  const list = CITY_MULTI_FIRST.get(p[0]!) ?? [];
  list.push(p);
  CITY_MULTI_FIRST.set(p[0]!, list);
}

/** One lookup per word: lexicon membership in the low bits, the keyword flag (KEYWORD_FLAGS) from bit 8. */
export const L_FIRST = 1;
export const L_SUR = 2;
export const L_COMMON = 4;
export const L_PLACE = 8;
export const L_MULTI = 16;
export const L_ENGLISH = 32;
export const L_PREP = 64;
/** A one-word gazetteer place (lexicon/cities.ts); the first word of a gazetteer phrase. Above the context classes (bits 16–25). */
export const L_CITY = 1 << 26;
export const L_CITY_MULTI = 1 << 27;
/** Among the 3,000 most frequent English words (of the 20,000 in L_ENGLISH). */
export const L_FREQUENT = 1 << 28;
/** A country or US state of one word; the first word of one of several words ("new" of "New Zealand"). */
export const L_REGION = 1 << 29;
export const L_REGION_FIRST = 1 << 30;
export const LEXICON = new Map<string, number>();
export const addBits = (w: string, bits: number) => LEXICON.set(w, (LEXICON.get(w) ?? 0) | bits);
for (const w of FIRST_NAME_SET) addBits(w, L_FIRST);
for (const w of SURNAME_SET) addBits(w, L_SUR);
for (const w of COMMON_WORD_SET) addBits(w, L_COMMON);
for (const w of NUMBER_WORDS) addBits(w, L_COMMON);
for (const w of PLACE_SET) addBits(w, L_PLACE);
{
  // The set is in frequency order: the first 3,000 are everyday words even when they are also names ("mark", "will", "rose").
  let rank = 0;
  for (const w of ENGLISH_WORD_SET) addBits(w, rank++ < 3000 ? L_ENGLISH | L_FREQUENT : L_ENGLISH);
}
for (const w of PLACE_PREPOSITIONS) addBits(w, L_PREP);
for (const w of MULTI_PLACE_FIRST.keys()) addBits(w, L_MULTI);
for (const w of CITY_WORDS.split('|')) addBits(w, L_CITY);
for (const w of REGION_SET) addBits(w, L_REGION);
for (const w of REGION_PHRASE_FIRST) addBits(w, L_REGION_FIRST);
for (const w of CITY_MULTI_FIRST.keys()) addBits(w, L_CITY_MULTI);
for (const [w, flag] of KEYWORD_FLAGS) addBits(w, flag << 8);
for (const [bit, words] of CONTEXT_WORDS) for (const w of words.split(' ')) addBits(w, bit);

/** Whether a word not found as is is an everyday English word in plural or possessive form ("pleasures"). */
export function englishForm(lw: string): boolean {
  // -tion/-sion nouns (escalation, regression) are not names; the dictionary has only the common ones.
  if (lw.length >= 7 && (lw.endsWith('tion') || lw.endsWith('sion'))) return true;
  if (lw.length >= 6 && derivedFromEnglish(lw)) return true;
  if (lw.length < 4 || lw.charCodeAt(lw.length - 1) !== 115) return false;
  const stem = lw.slice(0, -1);
  if (((LEXICON.get(stem) ?? 0) & L_ENGLISH) !== 0) return true;
  if (lw.endsWith('es') && ((LEXICON.get(lw.slice(0, -2)) ?? 0) & L_ENGLISH) !== 0) return true;
  return lw.endsWith('ies') && ((LEXICON.get(`${lw.slice(0, -3)}y`) ?? 0) & L_ENGLISH) !== 0;
}

const isEnglish = (w: string) => ((LEXICON.get(w) ?? 0) & L_ENGLISH) !== 0;

/** An inflected or derived form of a dictionary word: "rolled", "escalating", "enrollment", "fairness". */
function derivedFromEnglish(lw: string): boolean {
  for (const suffix of ['ing', 'ed', 'ment', 'ness']) {
    if (!lw.endsWith(suffix)) continue;
    const stem = lw.slice(0, -suffix.length);
    if (stem.length < 3) return false;
    // roll+ed, escalat(e)+ing, stop(p)+ed
    if (isEnglish(stem) || isEnglish(`${stem}e`) || (stem.at(-1) === stem.at(-2) && isEnglish(stem.slice(0, -1)))) return true;
  }
  return false;
}

/** Not a word of the lexicons: no everyday word, place, or English dictionary word (any case). */
export function unknownWord(info: number, lw: string): boolean {
  return (info & (L_COMMON | L_PLACE | L_ENGLISH)) === 0 && !englishForm(lw);
}

/**
 * LEXICON as an open-addressing table keyed by the hash the tokenizer computes while it scans, so a
 * word is looked up without slicing it out of the text (no allocation per word).
 */
export const TABLE_SIZE = 1 << 18;
export const TABLE_MASK = TABLE_SIZE - 1;
export const TABLE_HASH = new Int32Array(TABLE_SIZE);
export const TABLE_WORD = new Int32Array(TABLE_SIZE).fill(-1);
export const TABLE_WORDS: string[] = [];
export const TABLE_INFO: number[] = [];
export function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}
export function slotOf(h: number): number {
  return (h ^ (h >>> 15)) & TABLE_MASK;
}
for (const [w, info] of LEXICON) {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = hashStep(h, w.charCodeAt(i));
  let slot = slotOf(h);
  while (TABLE_WORD[slot] !== -1) slot = (slot + 1) & TABLE_MASK;
  TABLE_HASH[slot] = h;
  TABLE_WORD[slot] = TABLE_WORDS.length;
  TABLE_WORDS.push(w);
  TABLE_INFO.push(info);
}
/** Lexicon bits of lower[start, end) whose hash is h; 0 when the word is unknown. */
export function lookupWord(lower: string, start: number, end: number, h: number): number {
  let slot = slotOf(h);
  for (;;) {
    const idx = TABLE_WORD[slot]!;
    if (idx === -1) return 0;
    if (TABLE_HASH[slot] === h) {
      const w = TABLE_WORDS[idx]!;
      if (w.length === end - start && lower.startsWith(w, start)) return TABLE_INFO[idx]!;
    }
    slot = (slot + 1) & TABLE_MASK;
  }
}
