import { COMMON_WORD_SET } from './lexicon/commonWords';
import { ENGLISH_WORD_SET } from './lexicon/englishWords';
import { FIRST_NAME_SET } from './lexicon/firstNames';
import { MULTI_WORD_PLACES, PLACE_SET, US_STATE_CODES } from './lexicon/places';
import { SURNAME_SET } from './lexicon/surnames';
import { NUMBER_RUN_RE, NUMBER_WORDS, readDigitRun, readNumberRun } from './spoken';
import type { NumberRun } from './spoken';
import type { DetectedEntity, EntityType } from './types';
import { cardValid, dateValid, ibanValid, ipv4Valid, numericDateValid, ssnValid } from './validators';

/**
 * The detectors. One call scans a text with a handful of precompiled regular expressions, each behind
 * a cheap prefilter, reads every run of digits or number words once, and resolves overlaps by score.
 * Detection never allocates per character; the name pass allocates one string per capitalised word.
 */

export interface DetectOptions {
  /** Entity types to report. */
  enabled: ReadonlySet<EntityType>;
  /** Lower-cased allowlisted terms (business names, product names) that are never reported. */
  allowlist: readonly string[];
  minScore: number;
  /**
   * Strict mode (the compliance validator): also reports bare long digit runs, lone lexicon first
   * names and capitalised name pairs without context.
   */
  strict?: boolean;
}

export interface Detector {
  detect(text: string): DetectedEntity[];
}

interface Candidate {
  type: EntityType;
  start: number;
  end: number;
  score: number;
  /** Numeric value for amounts and ages (bucketing). */
  value?: number;
}

// ---------------------------------------------------------------- regular expressions (compiled once)

const EMAIL_RE = /[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}/g;
const TLD = '(?:com|net|org|edu|gov|io|co|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|ee|cy|ca|au|info|biz|me|ai|app)';
const SPOKEN_EMAIL_RE = new RegExp(
  `\\b(?:[a-z0-9]+(?:[ ]+|[ ]*(?:dot|underscore|dash|hyphen|period)[ ]+|[._-]))*?[a-z0-9]+[ ]*(?:\\bat\\b|@)[ ]*[a-z0-9-]+(?:[ ]*(?:\\bdot\\b|\\.)[ ]*[a-z0-9-]+)*?[ ]*(?:\\bdot\\b|\\.)[ ]*${TLD}\\b`,
  'gi',
);
const URL_RE = new RegExp(
  `\\b(?:https?:\\/\\/|www\\.)[^\\s<>"'()\\[\\]]+|\\b[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.${TLD}\\b(?:\\/[^\\s<>"'()\\[\\]]*)?`,
  'gi',
);
const NUM_WORD_ALT = `(?:${NUMBER_WORDS.filter((w) => w !== 'double' && w !== 'triple').join('|')}|\\d+)`;
const SPOKEN_URL_RE = new RegExp(
  `\\b(?:w w w|www)[ ]+dot[ ]+[a-z0-9-]+(?:[ ]+dot[ ]+[a-z0-9-]+)*(?:[ ]+slash[ ]+[a-z0-9-]+(?:[ ]+${NUM_WORD_ALT}\\b)*)*|\\b[a-z0-9-]+[ ]+dot[ ]+${TLD}\\b(?:[ ]+slash[ ]+[a-z0-9-]+(?:[ ]+${NUM_WORD_ALT}\\b)*)*`,
  'gi',
);
const IBAN_RE = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
const IPV6_RE = /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\b/gi;
const MONEY_RE = /(?:[$€£]|\b(?:USD|EUR|GBP)\s?)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|K|m|M|million|thousand|bn|billion)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars?|bucks|usd|euros?|pounds)\b/g;

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const ORDINAL_WORDS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first';
const YEAR_WORDS = '(?:nineteen|twenty)(?:[ -](?:oh[ -])?(?:[a-z]+)(?:[ -][a-z]+)?)?|two thousand(?:[ -](?:and[ -])?[a-z]+(?:[ -][a-z]+)?)?';
const DAY = `\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORDS}`;
const WRITTEN_DATE_RE = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?[ ]+(?:the[ ]+)?(?:${DAY})(?:,?[ ]+(?:\\d{4}|${YEAR_WORDS}))?|(?:the[ ]+)?(?:${DAY})[ ]+(?:of[ ]+)?(?:${MONTHS})\\.?(?:,?[ ]+(?:\\d{4}|${YEAR_WORDS}))?|(?:${MONTHS})\\.?,?[ ]+\\d{4})\\b`,
  'gi',
);
const ISO_DATETIME_RE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b/g;

// USPS Publication 28 street suffixes (and common abbreviations); plurals are matched too.
const STREET_SUFFIX =
  'alley|annex|arcade|bayou|beach|bend|bluff|bottom|branch|bridge|brook|burg|bypass|camp|canyon|cape|causeway|center|centre|cliff|club|common|corner|course|cove|creek|crest|crossroad|curve|dale|dam|divide|estate|extension|fall|ferry|field|flat|ford|forest|forge|fork|fort|garden|gateway|glen|green|harbor|harbour|haven|hollow|inlet|island|isle|junction|key|knoll|lake|land|light|lock|lodge|mall|manor|meadow|mill|mission|motorway|mount|mountain|neck|orchard|oval|overpass|pass|passage|pine|plain|port|prairie|ranch|rapid|rest|river|shoal|shore|skyway|spring|spur|stream|trace|tunnel|underpass|union|village|ville|wall|well|street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|crescent|close|row|alley|plaza|loop|pike|route|rte|expressway|freeway|fwy|junction|ridge|heights|hts|gardens|grove|mews|walk|wharf|park|point|pointe|crossing|view|hill|hills|landing|valley|vista|station|summit|track|turnpike|via|camino';
const EURO_STREET = '[\\p{Lu}][\\p{L}]*(?:katu|tie|gatan|vägen|vagen|gata|straße|strasse|str\\.?|weg|gasse|platz|laan|straat|gracht|vej|vei|veien|allee|ulica|utca|tér|ut|út)';
const UNIT = '(?:[,\\n ]*(?:[Aa]pt|APT|[Aa]partment|[Ss]uite|SUITE|[Ss]te|[Uu]nit|UNIT|[Ff]lat|[Ff]loor|[Ff]l|[Rr]oom|[Rr]m|[Bb]ldg|[Bb]uilding|#)\\.?[ ]*#?[A-Za-z0-9-]*\\d[A-Za-z0-9-]*)';
const CAP_WORD = "[\\p{Lu}][\\p{L}'’.-]*";
// Street words: capitalised, or the Hungarian/Polish abbreviations "u." and "ul." that precede or follow a name.
const STREET_WORD = `(?:${CAP_WORD}|ul\\.|u\\.)`;
const SUFFIX_ANY_CASE = STREET_SUFFIX.split('|')
  .map((x) => `${x}s?|${x[0]!.toUpperCase()}${x.slice(1)}s?|${x.toUpperCase()}S?`)
  .join('|');
/** Street addresses that start with the house number; run sticky at digit groups the tokenizer found. */
const ADDRESS_DIGIT_Y = new RegExp(
  `(?:\\d{1,6}[ ]+)?\\d{1,6}[A-Za-z]?(?:[ ]+${CAP_WORD}){1,4}[ ]+(?:${SUFFIX_ANY_CASE})\\b\\.?${UNIT}?|\\d{1,5}[ ]+${EURO_STREET}(?:[ ]+\\d{1,5}[A-Za-z]?)?\\b${UNIT}?`,
  'uy',
);
/** Street addresses that start with the street word ("Koskikatu 25", "Via Tasso 129"). */
const ADDRESS_WORD_RE = new RegExp(
  `\\b${EURO_STREET}[ ]+\\d{1,5}[A-Za-z]?\\b${UNIT}?|(?:\\b(?:[Vv]ia|[Rr]ue|[Cc]alle|[Aa]venida|[Rr]ua|[Aa]venue|[Uu]lica|[Pp]iazza|[Pp]laza|[Cc]hemin|[Bb]oulevard|[Cc]orso|[Vv]iale|[Ll]argo|[Pp]asseig|[Cc]arrer)|\\bC\\/)[ ]+(?:(?:de|del|dei|della|delle|degli|di|la|le|des|da|do|dos|das)[ ]+)?${CAP_WORD}(?:[ ]+${CAP_WORD}){0,2},?[ ]+\\d{1,5}\\b${UNIT}?`,
  'gu',
);
/**
 * Addresses without a street-type word: "20789 Allika 46", "Edeby 55\n Apt. 297", "P.O. Box 242",
 * "PSC 0413, Box 8144\nAPO AA 42323", and "<words> <number>" right after "live at" / "address is".
 */
const ADDR_NUM_Y = new RegExp(`\\d{1,6}[ ]+${STREET_WORD}(?:[ ]+${STREET_WORD}){0,3}[ ]+\\d{1,5}[A-Za-z]?\\b\\.?${UNIT}?`, 'uy');
const ADDR_UNIT_RE = new RegExp(`(?<![\\p{L}\\d.])${STREET_WORD}(?:[ ]+${STREET_WORD}){0,2}[ ]+\\d{1,5}[A-Za-z]?\\b\\.?${UNIT}`, 'gu');
const ADDR_BOX_RE =
  /\b(?:(?:P\.?[ ]?O\.?[ ]?Box|PSC[ ]+\d{1,5},?[ ]+Box|Unit[ ]+\d{1,5},?[ ]+Box)[ ]+\d{1,6}(?:[,\n ]+(?:APO|FPO|DPO)[ ]+(?:AA|AE|AP)[ ]+\d{5})?|(?:USS|USNS|USNV|USCGC)[ ]+[A-Z][\w'-]*(?:[ ]+[A-Z][\w'-]*)?[,\n ]+(?:APO|FPO|DPO)[ ]+(?:AA|AE|AP)[ ]+\d{5})/gi;
const ADDR_CTX_RE = new RegExp(
  `\\b(?:live at|lives at|living at|address is|located at|office is at|off at|meet me at|send it to|ship it to|deliver it to|mail it to|it is at|it's at)[ ]+(${STREET_WORD}(?:[ ]+${STREET_WORD}){0,3}[ ]+\\d{1,5}[A-Za-z]?\\b)`,
  'gu',
);
const ADDR_CTX_HINT_RE = /\b(?:at|address is|to)[ ]+\p{Lu}/u;
/** "four twenty two Elm Street", "one two three main street": a spoken house number before a street name. */
const SPOKEN_ADDRESS_RE = new RegExp(
  `\\b(?:(?:${NUMBER_WORDS.filter((w) => w !== 'double' && w !== 'triple').join('|')})[ -]+){1,6}(?:[A-Za-z][\\p{L}'’.-]*[ ]+){1,3}(?:${STREET_SUFFIX})\\b`,
  'giu',
);
/** Identifiers with letters ("F162823540116", "AB-12345") right after the word that names them. */
const CONTEXT_ID_RE =
  /\b(driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e|passport|member(?:ship)?|account|acct|order|confirmation|reference|booking|policy|ticket|tracking|customer|invoice|claim|case|reservation)(?:[ ]+(?:number|no\.?|#|id|code))?(?:[ ]+is|:)?[ ]+(?:#[ ]?)?([A-Za-z]{0,3}-?[0-9][A-Za-z0-9-]{3,19})\b/gi;
const IBAN_CI_RE = /\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,30}\b/gi;
const UNIT_ONLY_RE = /\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\.?[ ]*#?\d{1,5}[A-Za-z]?\b/g;
// What follows an address line: ", City, ST 12345", "\nCity\n, ST\n Country 12345" (form-filled text).
// Segments must start with a capital or a digit and are not "Label:" lines, so prose and speaker turns stop it.
const ADDRESS_TAIL_RE =
  /^(?:[ \t]*(?:,|\n)[ \t\n,]*(?![\p{L}\d'.-]*:)(?:\p{Lu}|\d)[\p{L}\d'.-]*(?:[ ]+(?:(?:de|del|la|le|do|da|di|dos|das|van|von|der|na|nad|e|y|am|an)[ ]+)?(?:\p{Lu}|\d|\()[\p{L}\d'.()-]*){0,3}){0,4}/u;
const STATE_ZIP_RE = /\b([A-Z]{2})[ ]+(\d{5}(?:-\d{4})?)\b/g;

// Group 1: the next words are the name whatever their case; group 2: the next capitalised words are;
// group 3: the next capitalised words are when the lexicon knows one of them.
const NAME_TRIGGER_RE =
  /\b(?:(my (?:full |first |last |middle )?name(?:'s| is)|(?:first|last|full|middle|sur|maiden|real|legal) ?name(?: is|:)|your name\??|call me|surname is|it's spelled|spelled)|(mr|mrs|ms|miss|mister|dr|prof|name|names|named|called|dear|under|assistant to)|(this is|speaking with|talking to|spoke (?:to|with)|ask for))(?![\p{L}])[.:,]?[ ]*(?:(?:uh|um|er|it's|its)[ ,]+)?/giu;
const NAME_LIST_NEXT_RE = /^(?:,[ ]*(?:and[ ]+)?|[ ]+and[ ]+|[ ]*&[ ]*)([\p{Lu}][\p{L}'’-]+)(?![\p{L}])/u;
const NAME_LIST_PREV_RE = /([\p{Lu}][\p{L}'’-]+)(?:,[ ]*|[ ]+and[ ]+|[ ]*&[ ]*)$/u;
/** Words that make a capitalised sequence a company, not a person. */
const ORG_WORDS = new Set(
  'inc inc. llc ltd ltd. corp corporation company co group holdings bank insurance university college hospital clinic foundation associates partners technologies technology systems solutions services media labs studio studios airlines airways motors industries enterprises consulting capital ventures international global network networks software gmbh ag sa plc'.split(' '),
);
const NON_ASCII_RE = /[^\u0020-\u007e]/;
// Unknown capitalised words count as places only after a verb of living or travelling ("based in X"),
// or after a bare "in"/"from" when written in capitals or with non-ASCII letters ("in TROMSØ").
const CTX_PLACE_STRONG_RE = /\b(?:live|living|lives|lived|reside|resides|resided|based|located|moved|move|born|originally|arrived|returned|travel(?:l?ing|l?ed)?|visit(?:ing|ed)?|stay(?:ing|ed)?|here|back)[ ]+(?:in|at|to|from|near|here from)[ ]+$|\b(?:i am|i'm|we are|we're) in[ ]+$/i;
const CTX_PLACE_WEAK_RE = /\b(?:in|from)[ ]+$/i;
const NAME_TOKEN_RE = /[\p{L}][\p{L}'’-]*/uy;
const SPELLED_RE = /(?<![\p{L}\d])(?:[A-Za-z][ ]*[.,-]?[ ]+){2,}[A-Za-z](?![\p{L}\d])\.?/gu;
const SPELL_CONTEXT_RE = /\b(?:spell(?:ed|s|ing)?|name|that's|thats|it's|its|letters?|as in)\b/i;

const AGE_AFTER_RE = /^[ ]*(?:-|[ ])?(?:years?|yrs?)(?:[ -]old|[ ]of[ ]age)\b|^[ ]*(?:-year-old|yo\b|y\/o\b)/i;
const AGE_BEFORE_RE = /\b(?:aged?|age is|i'm|i am|he's|she's|he is|she is|turned|turning|(?:when|since|until) (?:i|he|she|they|we) (?:was|were|turned))[ ]*(?:of[ ]+)?$/i;
const MONEY_AFTER_RE = /^[ ]*(?:dollars?|bucks|usd|euros?|pounds|cents)\b/i;

const CTX_CARD = /\b(?:card|credit|debit|visa|mastercard|amex|american express|discover|cc)\b/i;
const CTX_CARD_TAIL = /\b(?:ending(?: in| with)?|ends (?:in|with)|last (?:four|4)(?: digits)?(?: (?:of|on) (?:the|my|your) (?:card|credit card|debit card|visa|mastercard|amex))?(?: (?:is|are|of))?)[ :]*$/i;
const CTX_SSN = /\b(?:ssn|social security|social|ss#|tax id|tin)\b/i;
const CTX_PHONE = /\b(?:phone|number|call|reach|cell|mobile|tel|telephone|text|contact|fax|dial|line)\b/i;
/** Words that mean a phone even beside "account": "call me at", "my cell is". */
const CTX_PHONE_STRONG = /\b(?:phone|call|reach|cell|mobile|tel|telephone|text|fax|dial)\b/i;
const CTX_ACCOUNT =
  /\b(?:account|acct|order|member(?:ship)?|policy|confirmation|reference|ref|booking|ticket|invoice|tracking|customer (?:id|number)|routing|case|claim|reservation|loyalty|pin|passcode|passport|id|license|licence|serial|record|mrn|patient)\b/i;
const CTX_DL = /\b(?:driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e (?:number|no|#)|dl(?: number| no| #)?)\b/i;
const CTX_ZIP = /\b(?:zip|postal|post ?code|zipcode)\b/i;
const CTX_DOB = /\b(?:born|birth|dob|d\.o\.b|birthday|bday)\b/i;
const CTX_YEAR_BEFORE = /\b(?:born in|since|in|from|year|of|until|till|by|during|around|circa)[ ]*$/i;
const CTX_LOCATION_BEFORE = /\b(?:live|living|lives|lived|reside|resides|based|located|moved|move|from|in|to|near|at|visit|visiting|born)[ ]+(?:in[ ]+|to[ ]+|at[ ]+|near[ ]+)?(?:the[ ]+)?$/i;
const PLACEHOLDER_RE = /\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]/g;

const NUMBER_WORD_SET = new Set(NUMBER_WORDS);
const EURO_STREET_END_RE = /(?:katu|tie|gatan|vägen|vagen|gata|straße|strasse|str|weg|gasse|platz|laan|straat|gracht|vej|vei|veien|allee|ulica|utca)$/;
const EURO_STREET_TAILS = new Set(['atu', 'tie', 'tan', 'gen', 'ata', 'aße', 'sse', 'str', 'weg', 'atz', 'aan', 'aat', 'cht', 'vej', 'vei', 'ien', 'lee', 'ica', 'tca']);
const IPV6_HINT_RE = /[0-9a-f]:[0-9a-f]{0,4}:/i;

/** Words that switch detectors on: 1 "at", 2 "dot", 3 month, 4 number word, 5 street word, 6 money word, 7 name hint, 8 place hint, 9 url, 10 TLD after a dot. */
const KEYWORD_FLAGS = new Map<string, number>();
for (const w of ['at']) KEYWORD_FLAGS.set(w, 1);
for (const w of ['dot']) KEYWORD_FLAGS.set(w, 2);
for (const w of 'jan january feb february mar march apr april may june jun july jul aug august sep sept september oct october nov november dec december'.split(' ')) KEYWORD_FLAGS.set(w, 3);
for (const w of NUMBER_WORDS) KEYWORD_FLAGS.set(w, 4);
for (const w of [...STREET_SUFFIX.split('|').flatMap((x) => [x, `${x}s`]), 'via', 'rue', 'calle', 'avenida', 'rua', 'ulica', 'piazza', 'chemin', 'box', 'psc', 'fpo', 'apo', 'dpo', 'uss', 'usns', 'usnv', 'corso', 'viale', 'largo', 'carrer', 'c']) KEYWORD_FLAGS.set(w, 5);
for (const w of ['apt', 'apartment', 'suite', 'ste', 'unit', 'flat', 'floor', 'room', 'bldg', 'building']) KEYWORD_FLAGS.set(w, 12);
for (const w of ['dollar', 'dollars', 'bucks', 'usd', 'euro', 'euros', 'pounds', 'eur', 'gbp', 'cents']) KEYWORD_FLAGS.set(w, 6);
for (const w of ['name', 'names', 'spell', 'spelled', 'spelling', 'surname', 'named', 'called', 'call', 'mr', 'mrs', 'ms', 'miss', 'mister', 'dr', 'prof', 'dear', 'under', 'assistant', 'speaking', 'talking', 'spoke', 'ask']) KEYWORD_FLAGS.set(w, 7);
for (const w of ['live', 'living', 'lives', 'lived', 'reside', 'resides', 'moved', 'based', 'located', 'born', 'from']) KEYWORD_FLAGS.set(w, 8);
for (const w of ['http', 'https', 'www']) KEYWORD_FLAGS.set(w, 9);
for (const w of TLD.slice(3, -1).split('|')) if (!KEYWORD_FLAGS.has(w)) KEYWORD_FLAGS.set(w, 10);
for (const w of ['may']) KEYWORD_FLAGS.set(w, 3);

/** Street words that mean an address in lower case too ("main street"); the rest count only capitalised ("Lake"). */
const STRONG_ADDRESS_WORDS = new Set(['fpo', 'apo', 'dpo', 'uss', 'usns', 'usnv', 'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct', 'highway', 'hwy', 'parkway', 'pkwy', 'terrace', 'box', 'psc', 'rue', 'calle', 'avenida', 'rua', 'ulica', 'via']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'to', 'from', 'near']);

/**
 * Context classes of the words before a number (bits from 16 in LEXICON): the regex that confirms a
 * context runs only when a word of its class is in the window, so most numbers cost no regex at all.
 */
const C_CARD = 1 << 16;
const C_TAIL = 1 << 17;
const C_SSN = 1 << 18;
const C_PHONE = 1 << 19;
const C_ACCOUNT = 1 << 20;
const C_DL = 1 << 21;
const C_ZIP = 1 << 22;
const C_DOB = 1 << 23;
const C_YEAR = 1 << 24;
const C_AGE = 1 << 25;
const CONTEXT_WORDS: [number, string][] = [
  [C_CARD, 'card credit debit visa mastercard amex american discover cc'],
  [C_TAIL, 'ending ends last'],
  [C_SSN, 'ssn social ss tax tin'],
  [C_PHONE, 'phone number call reach cell mobile tel telephone text contact fax dial line'],
  [C_ACCOUNT, 'account acct order member membership policy confirmation reference ref booking ticket invoice tracking customer routing case claim reservation loyalty pin passcode passport id license licence serial record mrn patient'],
  [C_DL, "driver drivers driver's driving license licence dl"],
  [C_ZIP, 'zip postal post postcode zipcode code'],
  [C_DOB, 'born birth dob d birthday bday'],
  [C_YEAR, 'born since in from year of until till by during around circa'],
  [C_AGE, "aged age i'm am he she is turned turning was were"],
];

/** Multi-word place names by their first word, longest first. */
const MULTI_PLACE_FIRST = new Map<string, string[][]>();
for (const p of [...MULTI_WORD_PLACES].sort((a, b) => b.length - a.length)) {
  const words = p.split(' ');
  const list = MULTI_PLACE_FIRST.get(words[0]!) ?? [];
  list.push(words);
  MULTI_PLACE_FIRST.set(words[0]!, list);
}

/** One lookup per word: lexicon membership in the low bits, the keyword flag (KEYWORD_FLAGS) from bit 8. */
const L_FIRST = 1;
const L_SUR = 2;
const L_COMMON = 4;
const L_PLACE = 8;
const L_MULTI = 16;
const L_ENGLISH = 32;
const L_PREP = 64;
const LEXICON = new Map<string, number>();
const addBits = (w: string, bits: number) => LEXICON.set(w, (LEXICON.get(w) ?? 0) | bits);
for (const w of FIRST_NAME_SET) addBits(w, L_FIRST);
for (const w of SURNAME_SET) addBits(w, L_SUR);
for (const w of COMMON_WORD_SET) addBits(w, L_COMMON);
for (const w of NUMBER_WORDS) addBits(w, L_COMMON);
for (const w of PLACE_SET) addBits(w, L_PLACE);
for (const w of ENGLISH_WORD_SET) addBits(w, L_ENGLISH);
for (const w of PLACE_PREPOSITIONS) addBits(w, L_PREP);
for (const w of MULTI_PLACE_FIRST.keys()) addBits(w, L_MULTI);
for (const [w, flag] of KEYWORD_FLAGS) addBits(w, flag << 8);
for (const [bit, words] of CONTEXT_WORDS) for (const w of words.split(' ')) addBits(w, bit);

/** Starts a global regex from the beginning (String.prototype.matchAll would clone the regex on every call). */
function first(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}

/** Whether a word not found as is is an everyday English word in plural or possessive form ("pleasures"). */
function englishForm(lw: string): boolean {
  if (lw.length < 4 || lw.charCodeAt(lw.length - 1) !== 115) return false;
  const stem = lw.slice(0, -1);
  if (((LEXICON.get(stem) ?? 0) & L_ENGLISH) !== 0) return true;
  if (lw.endsWith('es') && ((LEXICON.get(lw.slice(0, -2)) ?? 0) & L_ENGLISH) !== 0) return true;
  return lw.endsWith('ies') && ((LEXICON.get(`${lw.slice(0, -3)}y`) ?? 0) & L_ENGLISH) !== 0;
}

/** Not a word of the lexicons: no everyday word, place, or English dictionary word (any case). */
function unknownWord(info: number, lw: string): boolean {
  return (info & (L_COMMON | L_PLACE | L_ENGLISH)) === 0 && !englishForm(lw);
}

/** "$ 250", "usd 40": a currency sign or code right before the run (no regex scan of the window). */
function moneyBefore(before: string): boolean {
  let i = before.length - 1;
  while (i >= 0 && before.charCodeAt(i) === 32) i--;
  if (i < 0) return false;
  const c = before.charCodeAt(i);
  if (c === 36 || c === 8364 || c === 163) return true;
  if (i < 2) return false;
  const code = before.slice(i - 2, i + 1);
  return (code === 'usd' || code === 'eur' || code === 'gbp') && (i < 3 || !isAsciiLower(before.charCodeAt(i - 3)));
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII \\w, as the regex lookarounds used to define a number run. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A digit group glued to a following word character ("4B", "12th"), except a phone extension "x4587". */
function gluedAfter(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  if ((c === 120 || c === 88) && isDigitCode(text.charCodeAt(at + 1))) return false;
  return isWordCode(c);
}

function isWordOrDot(c: number): boolean {
  return c === 46 || isWordCode(c);
}

/** The gap between two digit groups: -1 not a separator, 0 spaces/commas, 1 one punctuation mark, 2 a parenthesis. */
function gapKind(text: string, from: number, to: number): number {
  let punct = 0;
  let kind = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44) continue;
    if (c === 45 || c === 8211 || c === 46 || c === 47) kind = Math.max(kind, 1);
    else if (c === 40 || c === 41) kind = 2;
    else return -1;
    if (++punct > 1) return -1;
  }
  return kind;
}

/**
 * LEXICON as an open-addressing table keyed by the hash the tokenizer computes while it scans, so a
 * word is looked up without slicing it out of the text (no allocation per word).
 */
const TABLE_SIZE = 1 << 17;
const TABLE_MASK = TABLE_SIZE - 1;
const TABLE_HASH = new Int32Array(TABLE_SIZE);
const TABLE_WORD = new Int32Array(TABLE_SIZE).fill(-1);
const TABLE_WORDS: string[] = [];
const TABLE_INFO: number[] = [];
function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}
function slotOf(h: number): number {
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
function lookupWord(lower: string, start: number, end: number, h: number): number {
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

/** Lower case with the same length as the text, so offsets into one are offsets into the other. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Cheap pre-checks for name lists: a comma, "&" or " and " right after / right before the name. */
function listJoinAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  return c === 44 || c === 38 || (c === 32 && (text.charCodeAt(end + 1) === 38 || text.startsWith('and ', end + 1)));
}
function listJoinBefore(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && text.charCodeAt(i) === 32) i--;
  const c = text.charCodeAt(i);
  return c === 44 || c === 38 || (c === 100 && text.startsWith(' and', i - 3));
}

function isAsciiUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isNonAsciiLetter(ch: string): boolean {
  // Cased scripts answer by case; scripts without case (CJK and beyond) by the Unicode property.
  return ch.toLowerCase() !== ch.toUpperCase() || (ch.charCodeAt(0) >= 0x3000 && /\p{L}/u.test(ch));
}

function lowerWindow(text: string, from: number, to: number): string {
  return text.slice(Math.max(0, from), Math.min(text.length, to));
}

function isNameToken(word: string): boolean {
  const lower = word.toLowerCase();
  return !COMMON_WORD_SET.has(lower) && !NUMBER_WORD_SET.has(lower);
}

function isUpper(code: number): boolean {
  return (code >= 65 && code <= 90) || (code > 191 && String.fromCharCode(code).toLowerCase() !== String.fromCharCode(code));
}

// ---------------------------------------------------------------- the detector

export function createDetector(options: DetectOptions): Detector {
  const on = (t: EntityType) => options.enabled.has(t);
  const strict = options.strict === true;
  const allow = options.allowlist.map((a) => a.toLowerCase());
  const allowRe =
    allow.length > 0
      ? new RegExp(`(?<![\\p{L}\\d])(?:${allow.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\d])`, 'giu')
      : undefined;
  const allowSet = new Set(allow);

  // Token buffers, reused across calls (detection is synchronous): word starts, ends, lower-case text,
  // capitalised or not. One pass fills them and raises the flags that gate every other detector.
  const ts: number[] = [];
  const te: number[] = [];
  const tc: boolean[] = [];
  const ti: number[] = [];
  let ntok = 0;
  let curLower = '';
  // Where the first number word and the last street word are: a spoken address needs the first before the second.
  let firstNumberWord = -1;
  let lastStreetWord = -1;
  /** The lower-cased word of token k (sliced on demand: most tokens are never needed as strings). */
  const word = (k: number): string => curLower.slice(ts[k], te[k]);
  // Digit groups (maximal runs of 0-9), for the number-run reader.
  const dS: number[] = [];
  const dE: number[] = [];
  let nd = 0;

  interface Flags {
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
  }

  function tokenize(text: string, lower: string): Flags {
    const f: Flags = {
      digit: false, upper: false, at: false, atWord: false, dotWord: false, month: false, numberWord: false, address: false,
      stateCode: false, url: false, money: false, spelledRun: false, nameHint: false, placeHint: false, unit: false, iban: false, idContext: false,
    };
    ntok = 0;
    nd = 0;
    firstNumberWord = -1;
    lastStreetWord = -1;
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
            if (cap || STRONG_ADDRESS_WORDS.has(lower.slice(start, i))) f.address = true;
            break;
          case 12: f.address = true; f.unit = true; break;
          case 6: f.money = true; break;
          case 7: f.nameHint = true; break;
          case 8: f.placeHint = true; break;
          case 9: f.url = true; break;
          case 10: if (start > 0 && text.charCodeAt(start - 1) === 46) f.url = true; break;
          case 11: f.month = true; f.nameHint = true; break;
        }
      } else if (cap && i - start > 4 && EURO_STREET_TAILS.has(lower.slice(i - 3, i)) && EURO_STREET_END_RE.test(lower.slice(start, i))) f.address = true;
      if (cap && i - start === 2 && text.charCodeAt(start + 1) < 91) {
        if (US_STATE_CODES.has(text.slice(start, i))) f.stateCode = true;
        if (isDigitCode(text.charCodeAt(i))) f.iban = true;
      }
    }
    return f;
  }

  // Candidates of the current call; one function object for every detector (no closure per call).
  let out: Candidate[] = [];
  function push(type: EntityType, start: number, end: number, score: number, value?: number): void {
    if (end > start && on(type)) out.push({ type, start, end, score, value });
  }

  function detect(text: string): DetectedEntity[] {
    out = [];
    const lower = lowerSameLength(text);
    curLower = lower;
    const f = tokenize(text, lower);
    const hasNumber = f.digit || f.numberWord;

    // Emails, written and spoken.
    if (f.at) for (let m = first(EMAIL_RE, text); m !== null; m = EMAIL_RE.exec(text)) push('EMAIL', m.index, m.index + m[0].length, 0.99);
    if (f.atWord && (f.dotWord || f.url)) {
      for (let m = first(SPOKEN_EMAIL_RE, text); m !== null; m = SPOKEN_EMAIL_RE.exec(text)) {
        if (m[0].includes('@') && !/\s/.test(m[0])) continue;
        let start = m.index;
        // Skip the lead-in words ("my email is john dot smith at …" starts at "john").
        const lead = /^(?:(?:my|email|e-mail|address|is|it's|its|the|send|to|it|at|please|use|write|down|yeah|yes|so|and|uh|um|ok|okay)[ ]+)+/i.exec(m[0]);
        if (lead) start += lead[0].length;
        push('EMAIL', start, m.index + m[0].length, 0.9);
      }
    }
    if (f.url) {
      for (let m = first(URL_RE, text); m !== null; m = URL_RE.exec(text)) {
        let end = m.index + m[0].length;
        while (end > m.index && /[.,;:!?]/.test(text[end - 1]!)) end--;
        const s = m[0].toLowerCase();
        if (m.index > 0 && text.charCodeAt(m.index - 1) === 64) continue; // the domain of an email address
        if (!s.includes('/') && !s.startsWith('www') && /^[a-z]{1,3}\.[a-z]{2,3}$/.test(s)) continue; // "e.g", "i.e"-like
        push('URL', m.index, end, s.startsWith('http') || s.startsWith('www') ? 0.9 : 0.7);
      }
    }
    if (f.dotWord) for (let m = first(SPOKEN_URL_RE, text); m !== null; m = SPOKEN_URL_RE.exec(text)) push('URL', m.index, m.index + m[0].length, 0.7);

    if (f.numberWord && f.address && firstNumberWord >= 0 && lastStreetWord > firstNumberWord) {
      for (let m = first(SPOKEN_ADDRESS_RE, text); m !== null; m = SPOKEN_ADDRESS_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.75);
    }
    if (f.digit) {
      if (f.upper) {
        if (f.iban) for (let m = first(IBAN_RE, text); m !== null; m = IBAN_RE.exec(text)) if (ibanValid(m[0])) push('IBAN', m.index, m.index + m[0].length, 0.99);
        digitAddresses(text, f.address);
        if (f.address) {
          for (let m = first(ADDRESS_WORD_RE, text); m !== null; m = ADDRESS_WORD_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.85);
          if (f.unit) for (let m = first(UNIT_ONLY_RE, text); m !== null; m = UNIT_ONLY_RE.exec(text)) push('ADDRESS', m.index, m.index + m[0].length, 0.6);
          if (f.unit) for (let m = first(ADDR_UNIT_RE, text); m !== null; m = ADDR_UNIT_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.7);
          for (let m = first(ADDR_BOX_RE, text); m !== null; m = ADDR_BOX_RE.exec(text)) addressWithTail(text, m.index, m.index + m[0].length, 0.7);
        }
        if ((f.atWord || f.placeHint || lower.includes(' to ') || lower.includes('address')) && ADDR_CTX_HINT_RE.test(text)) {
          for (let m = first(ADDR_CTX_RE, text); m !== null; m = ADDR_CTX_RE.exec(text)) {
            const s0 = m.index + m[0].length - m[1]!.length;
            addressWithTail(text, s0, m.index + m[0].length, 0.7);
          }
        }
        if (f.stateCode) {
          for (let m = first(STATE_ZIP_RE, text); m !== null; m = STATE_ZIP_RE.exec(text)) {
            if (US_STATE_CODES.has(m[1]!)) push('ZIP', m.index + m[0].length - m[2]!.length, m.index + m[0].length, 0.8);
          }
        }
      }
      if (f.idContext) {
        for (let m = first(CONTEXT_ID_RE, text); m !== null; m = CONTEXT_ID_RE.exec(text)) {
          const id = m[2]!;
          if (!/[A-Za-z]/.test(id) && !/-/.test(id)) continue; // plain digit runs are read by numberRuns
          const s0 = m.index + m[0].length - id.length;
          push(/licen[cs]e/i.test(m[1]!) ? 'DRIVER_LICENSE' : 'ACCOUNT_NUMBER', s0, s0 + id.length, 0.85);
        }
      }
      if (!f.upper && lower.includes('iban')) {
        for (let m = first(IBAN_CI_RE, text); m !== null; m = IBAN_CI_RE.exec(text)) if (ibanValid(m[0])) push('IBAN', m.index, m.index + m[0].length, 0.95);
      }
      if (text.includes(':') && IPV6_HINT_RE.test(text)) for (let m = first(IPV6_RE, text); m !== null; m = IPV6_RE.exec(text)) if (m[0].split(':').length >= 4) push('IP_ADDRESS', m.index, m.index + m[0].length, 0.8);
      if (f.money) {
        for (let m = first(MONEY_RE, text); m !== null; m = MONEY_RE.exec(text)) {
          const v = Number(m[0].replace(/[^\d.]/g, ''));
          const mult = /\b(?:k|thousand)\b/i.test(m[0]) ? 1e3 : /\b(?:m|million)\b/i.test(m[0]) ? 1e6 : /\b(?:bn|billion)\b/i.test(m[0]) ? 1e9 : 1;
          push('DOLLAR_AMOUNT', m.index, m.index + m[0].length, 0.9, v * mult);
        }
      }
      if (text.includes('-')) {
        for (let m = first(ISO_DATETIME_RE, text); m !== null; m = ISO_DATETIME_RE.exec(text)) {
          const [y, mo, d] = m[0].slice(0, 10).split('-').map(Number) as [number, number, number];
          if (dateValid(y, mo, d)) push(dobContext(lower, m.index) ? 'DATE_OF_BIRTH' : 'DATE', m.index, m.index + m[0].length, 0.9);
        }
      }
    }
    if (f.month) {
      for (let m = first(WRITTEN_DATE_RE, text); m !== null; m = WRITTEN_DATE_RE.exec(text)) {
        // "may" alone is a verb far more often than a month.
        if (/^may\b/i.test(m[0]) && !/\d/.test(m[0]) && !/^May/.test(m[0])) continue;
        push(dobContext(lower, m.index) ? 'DATE_OF_BIRTH' : 'DATE', m.index, m.index + m[0].length, 0.8);
      }
    }
    if (hasNumber) numberRuns(text, lower, f.numberWord, push);
    if (f.upper) names(text, push);
    else lowerNames(text, push);
    places(text, f, push);
    if (f.nameHint) triggeredNames(text, push);
    if (f.upper && out.length > 0) nameLists(text);
    if (out.length > 0) nameRepeats();
    if (f.spelledRun && (f.upper || f.nameHint)) spelled(text, push);
    return resolve(text, out);
  }
  /**
   * Addresses that begin with a number, tried only where the tokenizer saw a digit group at a word
   * boundary followed by a space and a capital or another number (sticky regexes, no scan of the text).
   */
  function digitAddresses(text: string, streetWord: boolean): void {
    let covered = -1;
    for (let g = 0; g < nd; g++) {
      const s0 = dS[g]!;
      if (s0 < covered || dE[g]! - s0 > 6) continue;
      if (s0 > 0 && isWordCode(text.charCodeAt(s0 - 1))) continue;
      if (text.charCodeAt(dE[g]!) !== 32 && !isAsciiUpper(text.charCodeAt(dE[g]!))) continue;
      const next = text.charCodeAt(dE[g]! + 1);
      if (!(isAsciiUpper(next) || isDigitCode(next) || next > 127 || next === 117)) continue;
      let m: RegExpExecArray | null = null;
      if (streetWord) {
        ADDRESS_DIGIT_Y.lastIndex = s0;
        m = ADDRESS_DIGIT_Y.exec(text);
        if (m) {
          addressWithTail(text, s0, s0 + m[0].length, 0.85);
          covered = s0 + m[0].length;
          continue;
        }
      }
      ADDR_NUM_Y.lastIndex = s0;
      m = ADDR_NUM_Y.exec(text);
      if (m) {
        addressWithTail(text, s0, s0 + m[0].length, 0.7);
        covered = s0 + m[0].length;
      }
    }
  }

  function addressWithTail(text: string, start: number, end: number, score: number): void {
    const tail = ADDRESS_TAIL_RE.exec(text.slice(end, end + 120));
    push('ADDRESS', start, tail ? end + tail[0].length : end, score);
  }

  function dobContext(lower: string, at: number): boolean {
    return CTX_DOB.test(lowerWindow(lower, at - 40, at));
  }

  function numberRuns(text: string, lower: string, numberWords: boolean, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    if (!numberWords) {
      digitRuns(text, lower, push);
      return;
    }
    const re = NUMBER_RUN_RE;
    for (let m = first(re, text); m !== null; m = re.exec(text)) {
      const start = m.index;
      const run = readNumberRun(m[0]);
      runFound(text, lower, run, start, start + m[0].length, m[0].includes(')'), push);
    }
  }

  /** Runs of written digit groups, assembled from the tokenizer's groups with the same separator rules as NUMBER_RUN_RE. */
  function digitRuns(text: string, lower: string, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    let g = 0;
    while (g < nd) {
      const s0 = dS[g]!;
      if (s0 > 0 && isWordOrDot(text.charCodeAt(s0 - 1))) {
        g++;
        continue;
      }
      let last = g;
      let paren = false;
      while (last + 1 < nd) {
        const sep = gapKind(text, dE[last]!, dS[last + 1]!);
        if (sep < 0) break;
        if (gluedAfter(text, dE[last + 1]!)) break;
        if (sep === 2) paren = true;
        last++;
      }
      if (gluedAfter(text, dE[last]!)) {
        g = last + 1;
        continue;
      }
      let start = s0;
      if (start > 0 && text.charCodeAt(start - 1) === 43 && (start < 2 || !isWordOrDot(text.charCodeAt(start - 2)))) start--;
      // Fewer than four digits is only ever an amount or an age: skip the run unless money or age words are beside it.
      let digits = 0;
      for (let k = g; k <= last; k++) digits += dE[k]! - dS[k]!;
      if (digits >= 4 || shortNumberMatters(text, start, dE[last]!)) runFound(text, lower, readDigitRun(text, dS, dE, g, last), start, dE[last]!, paren, push);
      g = last + 1;
    }
  }

  function shortNumberMatters(text: string, start: number, end: number): boolean {
    if ((contextBefore(start) & C_AGE) !== 0) return true;
    let i = start - 1;
    while (i >= 0 && text.charCodeAt(i) === 32) i--;
    const c = i >= 0 ? text.charCodeAt(i) : 0;
    if (c === 36 || c === 8364 || c === 163 || (i >= 2 && moneyBefore(curLower.slice(Math.max(0, i - 3), i + 1)))) return true;
    const after = curLower.slice(end, end + 12);
    return /^[ -]?(?:dollars?|bucks|usd|euros?|pounds|cents|years?|yrs?|yo\b|y\/o)/.test(after);
  }

  /** Context classes of the words that end within 48 characters before `at`. */
  function contextBefore(at: number): number {
    let lo = 0;
    let hi = ntok;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    let bits = 0;
    for (let k = lo - 1; k >= 0 && te[k]! >= at - 48; k--) bits |= ti[k]!;
    return bits;
  }

  function runFound(text: string, lower: string, run: NumberRun, start: number, end: number, hasParen: boolean, push: (t: EntityType, s: number, e: number, score: number, v?: number) => void): void {
    {
      const n = run.digits.length;
      if (n === 0) return;
      if (start > 0 && text[start - 1] === '(' && hasParen) start--;
      // Phone extensions: "345-899-3560x4587", "ext. 12".
      const e0 = text.charCodeAt(end);
      const ext = e0 === 32 || e0 === 120 || e0 === 88 || e0 === 101 || e0 === 69 ? /^[ ]?(?:x|ext\.?|extension)[ ]?\d{1,5}\b/i.exec(text.slice(end, end + 16)) : null;
      const before = lowerWindow(lower, start - 48, start);
      const after = lowerWindow(lower, end, end + 24);
      classify(run, before, after, start, end, ext ? ext[0].length : 0, contextBefore(start), push);
    }
  }

  function classify(
    run: NumberRun,
    before: string,
    after: string,
    start: number,
    end: number,
    extLen: number,
    cx: number,
    push: (t: EntityType, s: number, e: number, score: number, v?: number) => void,
  ): void {
    const { shape, digits } = run;
    const n = digits.length;
    // Amounts and ages read the run as a quantity.
    if ((after.length > 0 && MONEY_AFTER_RE.test(after)) || moneyBefore(before)) {
      let value = Number.isFinite(run.value) ? run.value : Number(shape.replace(/[^\d.]/g, ''));
      const money = MONEY_AFTER_RE.exec(after);
      if (money && /cents/i.test(money[0])) value /= 100;
      push('DOLLAR_AMOUNT', start, end + (money ? money[0].length : 0), 0.85, value);
      return;
    }
    if (n <= 3 && Number.isFinite(run.value) && run.value <= 125) {
      if (AGE_AFTER_RE.test(after) || ((cx & C_AGE) !== 0 && AGE_BEFORE_RE.test(before) && !/^[ ]*(?:%|percent|am|pm|a\.m|p\.m|o'clock|minutes|hours|days|weeks|months|times|items|of)\b/.test(after))) {
        const tail = AGE_AFTER_RE.exec(after);
        // The span is the number: "[AGE_1] years old" still reads, and the age is what identifies.
        push('AGE', start, end, tail ? 0.9 : 0.6, run.value);
        return;
      }
    }
    if (n < 4) return;
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(shape)) {
      if (ipv4Valid(shape)) push('IP_ADDRESS', start, end, 0.95);
      return;
    }
    if (/^\d{4}-\d{2}-\d{2}(?!\d)/.test(shape)) {
      const [y, mo, d] = shape.slice(0, 10).split('-').map(Number) as [number, number, number];
      if (dateValid(y, mo, d)) {
        push(((cx & C_DOB) !== 0 && CTX_DOB.test(before)) ? 'DATE_OF_BIRTH' : 'DATE', start, start + 10, 0.9);
        return;
      }
    }
    if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(shape) && numericDateValid(shape) && !/^\d{3}-\d{2}-\d{4}$/.test(shape)) {
      push(((cx & C_DOB) !== 0 && CTX_DOB.test(before)) ? 'DATE_OF_BIRTH' : 'DATE', start, end, 0.9);
      return;
    }
    if (n >= 12 && n <= 19) {
      if (n >= 13 && cardValid(digits)) return push('CARD_NUMBER', start, end, 0.97);
      if ((cx & C_CARD) !== 0 && CTX_CARD.test(before)) return push('CARD_NUMBER', start, end, 0.75);
    }
    if (n === 4 && (cx & C_TAIL) !== 0 && CTX_CARD_TAIL.test(before)) return push('CARD_NUMBER', start, end, 0.8);
    const ssnCtx = (n === 9 || n === 4) && (cx & C_SSN) !== 0 && CTX_SSN.test(before);
    if (n === 9 && (/^\d{3}[- ]\d{2}[- ]\d{4}$/.test(shape) || ssnCtx)) {
      if (ssnValid(digits)) return push('SSN', start, end, ssnCtx || /-/.test(shape) ? 0.95 : 0.7);
      if (ssnCtx) return push('SSN', start, end, 0.6);
    }
    if (n === 4 && ssnCtx && /last (?:four|4)/.test(before)) return push('SSN', start, end, 0.8);
    if (n >= 5 && (cx & C_DL) !== 0 && CTX_DL.test(before)) return push('DRIVER_LICENSE', start, end, 0.85);
    if (n >= 4 && n <= 9 && (cx & C_ZIP) !== 0 && CTX_ZIP.test(before)) return push('ZIP', start, end, 0.9);
    if (n === 4 && /^(?:19|20)\d\d$/.test(digits) && !run.spoken) {
      if (((cx & C_DOB) !== 0 && CTX_DOB.test(before))) return push('DATE_OF_BIRTH', start, end, 0.8);
      if ((cx & C_YEAR) !== 0 && CTX_YEAR_BEFORE.test(before)) return push('DATE', start, end, 0.55);
      return;
    }
    if (n === 4 && run.spoken && /^(?:19|20)\d\d$/.test(digits) && ((cx & C_DOB) !== 0 && CTX_DOB.test(before))) return push('DATE_OF_BIRTH', start, end, 0.8);
    const phoneCtx = (cx & C_PHONE) !== 0 && CTX_PHONE.test(before);
    const accountCtx = (cx & C_ACCOUNT) !== 0 && CTX_ACCOUNT.test(before);
    if (accountCtx && n >= 4 && !CTX_PHONE_STRONG.test(before)) return push('ACCOUNT_NUMBER', start, end, 0.85);
    if (n >= 7 && n <= 15) {
      const formatted = /^\+/.test(shape) || /[ .\-/]/.test(shape) || run.spoken;
      if (phoneCtx || formatted || n === 10 || (n === 11 && digits[0] === '1')) {
        return push('PHONE', start, end + extLen, phoneCtx ? 0.9 : formatted ? 0.75 : 0.65);
      }
    }
    if (accountCtx && n >= 4) return push('ACCOUNT_NUMBER', start, end, 0.8);
    if (n >= 6) return push('ACCOUNT_NUMBER', start, end, strict ? 0.7 : 0.55);
    if (n === 5 && !run.spoken && /\b(?:[a-z]{2}|[a-z]+)[ ,]*$/.test(before) && /,[ ]*[a-z .]+,?[ ]*$/.test(before)) {
      return push('ZIP', start, end, 0.6);
    }
  }

  /** Capitalised word sequences: a lexicon first name, or a known surname after a capitalised word. */
  function names(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    let i = 0;
    while (i < ntok) {
      if (!tc[i]) {
        i++;
        continue;
      }
      // The capitalised run [i, j): words separated by single spaces (or a particle like "van").
      let j = i + 1;
      while (j < ntok && j - i < 4 && tc[j] && text.charCodeAt(ts[j]! - 1) === 32 && (te[j - 1]! + 1 === ts[j] || (te[j - 1]! - ts[j - 1]! === 1 && te[j - 1]! + 2 === ts[j] && text.charCodeAt(te[j - 1]!) === 46))) j++;
      const endRun = j;
      let k = i;
      while (k < endRun) {
        const info = ti[k]!;
        const isFirst = (info & L_FIRST) !== 0;
        const ambiguous = (info & (L_COMMON | L_PLACE)) !== 0 || te[k]! - ts[k]! === 1;
        let m = k + 1;
        while (m < endRun && m - k < 3) {
          const ni = ti[m]!;
          if ((ni & (L_COMMON | L_PLACE)) !== 0 && (ni & L_SUR) === 0) break;
          m++;
        }
        const rest = m - k - 1;
        const restSurname = rest > 0 && (ti[k + 1]! & L_SUR) !== 0;
        const end = te[m - 1]!;
        if (isFirst && !ambiguous) {
          push('PERSON', ts[k]!, end, rest > 0 ? 0.9 : 0.7);
          k = m;
        } else if ((isFirst || (!ambiguous && (info & L_SUR) !== 0)) && rest > 0 && (restSurname || !ambiguous)) {
          push('PERSON', ts[k]!, end, restSurname ? 0.85 : 0.7);
          k = m;
        } else if (!ambiguous && restSurname) {
          // An unknown given name before a known surname: "Jindra Novak".
          push('PERSON', ts[k]!, end, 0.75);
          k = m;
        } else if (!ambiguous && rest > 0 && unknownPair(text, k, m)) {
          // Two or three capitalised words none of which is an everyday word, a place or an acronym,
          // not led by "the" and not followed by a company word: a name far more often than not.
          push('PERSON', ts[k]!, end, 0.6);
          k = m;
        } else if (!ambiguous && rest === 0 && (info & L_SUR) === 0 && NON_ASCII_RE.test(word(k)) && unknownWord(info, word(k)) && !isAllCaps(text, k)) {
          // A lone capitalised word with letters from outside ASCII ("Kónya") in English text is a foreign proper noun.
          push('PERSON', ts[k]!, end, 0.55);
          k++;
        } else if (!ambiguous && rest === 0 && te[k]! - ts[k]! > 3 && (info & L_SUR) === 0 && !isAllCaps(text, k) && unknownWord(info, word(k)) && !ORG_WORDS.has(k + 1 < ntok ? word(k + 1) : '')) {
          // A lone capitalised word that no lexicon or dictionary knows ("Tomomi is from…", "leave me Mette"):
          // in English text that is a proper noun, often a person, as often a brand. Below the default
          // threshold (0.5): reported under a recall-first policy (minScore ≤ 0.45) and by the validator.
          push('PERSON', ts[k]!, end, 0.45);
          k++;
        } else if (!ambiguous && rest === 0 && (ts[k] === 0 || text.charCodeAt(ts[k]! - 1) === 10) && text.charCodeAt(te[k]!) === 58 && (isFirst || unknownWord(info, word(k))) && !isAllCaps(text, k)) {
          // A speaker label at the start of a line: "Nicole: Remember…".
          push('PERSON', ts[k]!, end, 0.7);
          k++;
        } else k++;
      }
      i = endRun;
    }
  }

  function isAllCaps(text: string, k: number): boolean {
    const w = text.slice(ts[k], te[k]);
    return w.length > 1 && w === w.toUpperCase();
  }

  function unknownPair(text: string, k: number, m: number): boolean {
    for (let x = k; x < m; x++) {
      if (!unknownWord(ti[x]!, word(x)) || isAllCaps(text, x)) return false;
    }
    const before = text.slice(Math.max(0, ts[k]! - 4), ts[k]).toLowerCase();
    if (before.endsWith('the ') || before.endsWith(' a ')) return false;
    const next = m < ntok && te[m - 1]! + 1 === ts[m] ? word(m) : '';
    return !ORG_WORDS.has(next) && !(strict === false && m - k > 3);
  }

  /** "founders: Kónya, Becker and Vasquez": capitalised words listed beside a found name are names too. */
  function nameLists(text: string): void {
    const found = out.filter((c) => c.type === 'PERSON');
    for (const c of found) {
      let end = c.end;
      for (let hop = 0; hop < 4 && listJoinAfter(text, end); hop++) {
        const m = NAME_LIST_NEXT_RE.exec(text.slice(end, end + 48));
        if (!m) break;
        const w = m[1]!.toLowerCase();
        const info = LEXICON.get(w) ?? 0;
        if ((info & (L_COMMON | L_PLACE)) !== 0 || ORG_WORDS.has(w) || ((info & (L_FIRST | L_SUR)) === 0 && !unknownWord(info, w))) break;
        const s0 = end + m[0].length - m[1]!.length;
        push('PERSON', s0, s0 + m[1]!.length, 0.65);
        end = s0 + m[1]!.length;
      }
      let start = c.start;
      for (let hop = 0; hop < 4 && listJoinBefore(text, start); hop++) {
        const m = NAME_LIST_PREV_RE.exec(text.slice(Math.max(0, start - 48), start));
        if (!m) break;
        const w = m[1]!.toLowerCase();
        const info = LEXICON.get(w) ?? 0;
        if ((info & (L_COMMON | L_PLACE)) !== 0 || ORG_WORDS.has(w) || ((info & (L_FIRST | L_SUR)) === 0 && !unknownWord(info, w))) break;
        const s0 = start - m[0].length;
        push('PERSON', s0, s0 + m[1]!.length, 0.65);
        start = s0;
      }
    }
  }

  /** A name found once ("Maciej Borkowski") is the same name when a word of it comes back ("starring Borkowski"). */
  function nameRepeats(): void {
    let names: Set<string> | undefined;
    for (const c of out) {
      if (c.type !== 'PERSON' || c.score < 0.6) continue;
      for (let k = tokenIndexAt(c.start); k < ntok && ts[k]! < c.end; k++) {
        if (te[k]! - ts[k]! > 2 && (ti[k]! & (L_COMMON | L_ENGLISH)) === 0) (names ??= new Set()).add(word(k));
      }
    }
    if (!names) return;
    for (let k = 0; k < ntok; k++) {
      if (te[k]! - ts[k]! > 2 && names.has(word(k))) push('PERSON', ts[k]!, te[k]!, 0.7);
    }
  }

  function tokenIndexAt(pos: number): number {
    let lo = 0;
    let hi = ntok;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (te[mid]! <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function triggeredNames(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let m = first(NAME_TRIGGER_RE, text); m !== null; m = NAME_TRIGGER_RE.exec(text)) {
      const strong = m[1] !== undefined;
      const capStrong = m[2] !== undefined;
      let pos = m.index + m[0].length;
      let start = -1;
      let end = -1;
      let count = 0;
      let known = false;
      while (count < 3) {
        NAME_TOKEN_RE.lastIndex = pos;
        const t = NAME_TOKEN_RE.exec(text);
        if (!t) break;
        const word = t[0].replace(/['’]s$/u, '');
        const lw = word.toLowerCase();
        const cap = isUpper(word.charCodeAt(0));
        if (word.length === 1 && !(cap && count > 0)) break;
        if (!isNameToken(word) && !(cap && (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) && count > 0)) break;
        if (!strong && !cap) break;
        if (strong && !cap && count > 0 && !(FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw))) break;
        // "call me back": a lower-case everyday word after the trigger is not a name.
        if (!cap && !(FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) && ENGLISH_WORD_SET.has(lw)) break;
        if (FIRST_NAME_SET.has(lw) || SURNAME_SET.has(lw)) known = true;
        if (start < 0) start = t.index;
        end = t.index + word.length;
        count++;
        pos = t.index + t[0].length;
        const gap = /^\.?[ ]+/.exec(text.slice(pos, pos + 4));
        if (!gap) break;
        pos += gap[0].length;
      }
      if (count === 0) continue;
      if (strong) push('PERSON', start, end, 0.9);
      else if (capStrong) push('PERSON', start, end, known ? 0.85 : 0.7);
      else if (known) push('PERSON', start, end, 0.8);
    }
  }

  /** Lower-cased transcripts: a lexicon first name followed by a lexicon surname ("maria lopez"). */
  function lowerNames(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let i = 0; i + 1 < ntok; i++) {
      if ((ti[i]! & (L_FIRST | L_COMMON)) !== L_FIRST) continue;
      if (te[i]! + 1 !== ts[i + 1]) continue;
      const next = ti[i + 1]!;
      // "maria lopez", or a known first name before a word no dictionary knows ("olga krylova").
      const surname = (next & (L_SUR | L_COMMON)) === L_SUR;
      if (!surname && !((ti[i]! & L_ENGLISH) === 0 && te[i + 1]! - ts[i + 1]! > 2 && unknownWord(next, word(i + 1)))) continue;
      push('PERSON', ts[i]!, te[i + 1]!, surname ? 0.75 : 0.6);
      i++;
    }
    void text;
  }

  function places(text: string, f: Flags, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let i = 0; i < ntok; i++) {
      const info = ti[i]!;
      if ((info & (L_PLACE | L_MULTI)) === 0) {
        if (tc[i] && i > 0 && (ti[i - 1]! & L_PREP) !== 0 && (info & L_FIRST) === 0 && te[i]! - ts[i]! > 2 && unknownWord(info, word(i))) unknownPlace(text, i);
        continue;
      }
      const lw = word(i);
      let last = -1;
      const phrases = (info & L_MULTI) !== 0 ? MULTI_PLACE_FIRST.get(lw) : undefined;
      if (phrases) {
        for (const ph of phrases) {
          if (i + ph.length <= ntok && ph.every((w, k) => word(i + k) === w)) {
            last = i + ph.length - 1;
            break;
          }
        }
      }
      if (last < 0) {
        if (lw.length < 4 || (info & L_PLACE) === 0) continue;
        last = i;
      }
      const start = ts[i]!;
      const ctx = CTX_LOCATION_BEFORE.test(lowerWindow(text, start - 24, start));
      const multi = last > i ? 0.05 : 0;
      if (tc[i]) push('LOCATION', start, te[last]!, (ctx ? 0.8 : 0.6) + multi);
      else if (ctx && f.placeHint) push('LOCATION', start, te[last]!, 0.6);
      i = last;
    }
  }

  function unknownPlace(text: string, i: number): void {
    const start = ts[i]!;
    const before = lowerWindow(text, start - 32, start);
    const strongCtx = CTX_PLACE_STRONG_RE.test(before);
    if (!strongCtx && !CTX_PLACE_WEAK_RE.test(before)) return;
    // After a bare "in"/"from", capitals or non-ASCII letters ("in TROMSØ") are strong signs; a plain unknown word is weaker.
    const weakScore = isAllCaps(text, i) || NON_ASCII_RE.test(word(i)) ? 0.6 : 0.5;
    let last = i;
    if (i + 1 < ntok && tc[i + 1] && te[i]! + 1 === ts[i + 1] && unknownWord(ti[i + 1]!, word(i + 1)) && !ORG_WORDS.has(word(i + 1))) last = i + 1;
    if (last + 1 < ntok && ORG_WORDS.has(word(last + 1))) return;
    push('LOCATION', start, te[last]!, strongCtx ? 0.65 : weakScore);
  }

  function spelled(text: string, push: (t: EntityType, s: number, e: number, score: number) => void): void {
    for (let m = first(SPELLED_RE, text); m !== null; m = SPELLED_RE.exec(text)) {
      const letters = m[0].replace(/[^A-Za-z]/g, '');
      const before = lowerWindow(text, m.index - 32, m.index);
      const upper = letters === letters.toUpperCase();
      if (letters.length >= 3 && SPELL_CONTEXT_RE.test(before)) push('PERSON', m.index, m.index + m[0].length, 0.85);
      else if (letters.length >= 4 && upper && !/^[A-Z]{2,4}$/.test(m[0])) push('PERSON', m.index, m.index + m[0].length, 0.55);
    }
  }
  function resolve(text: string, cands: Candidate[]): DetectedEntity[] {
    if (cands.length === 0) return [];
    let blocked: [number, number][] | undefined;
    if (text.includes('[')) {
      for (let m = first(PLACEHOLDER_RE, text); m !== null; m = PLACEHOLDER_RE.exec(text)) (blocked ??= []).push([m.index, m.index + m[0].length]);
    }
    if (allowRe) for (let m = first(allowRe, text); m !== null; m = allowRe.exec(text)) (blocked ??= []).push([m.index, m.index + m[0].length]);
    const kept = cands.filter((c) => {
      if (c.score < options.minScore) return false;
      if (allowSet.size > 0 && allowSet.has(text.slice(c.start, c.end).toLowerCase())) return false;
      if (blocked) for (const [s, e] of blocked) if (c.start >= s && c.end <= e) return false;
      if (blocked) for (const [s, e] of blocked) if (c.start < e && c.end > s && PRIORITY[c.type] < 3) return false;
      return true;
    });
    kept.sort((a, b) => PRIORITY[b.type] - PRIORITY[a.type] || b.score - a.score || b.end - b.start - (a.end - a.start));
    const chosen: Candidate[] = [];
    for (const c of kept) {
      let overlap = false;
      for (const d of chosen) {
        if (c.start < d.end && c.end > d.start) {
          overlap = true;
          break;
        }
      }
      if (!overlap) chosen.push(c);
    }
    chosen.sort((a, b) => a.start - b.start);
    return chosen.map((c) => (c.value !== undefined ? { type: c.type, start: c.start, end: c.end, score: c.score, value: c.value } : { type: c.type, start: c.start, end: c.end, score: c.score }));
  }

  return { detect };
}

/** Which detection wins an overlap: validated structured types first, then addresses, then the rest. */
const PRIORITY: Record<EntityType, number> = {
  EMAIL: 9,
  URL: 6,
  IBAN: 9,
  CARD_NUMBER: 8,
  SSN: 8,
  IP_ADDRESS: 8,
  DATE_OF_BIRTH: 7,
  DRIVER_LICENSE: 7,
  PHONE: 6,
  ADDRESS: 6,
  ACCOUNT_NUMBER: 5,
  DATE: 5,
  DOLLAR_AMOUNT: 5,
  AGE: 5,
  ZIP: 4,
  PERSON: 3,
  LOCATION: 3,
};
