import { NUMBER_WORDS } from './spoken';

/** The regular expressions of the detectors, compiled once at load. Detect.ts decides when each runs. */


// Bounded like RFC 5321 (local part ≤ 64, labels ≤ 63): unbounded repeats make "a.a.a.…@" quadratic.
export const EMAIL_RE = /[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}/g;
export const TLD = '(?:com|net|org|edu|gov|io|co|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|ee|cy|ca|au|info|biz|me|ai|app)';
/** Top-level domains a spoken email or URL ends in. */
export const TLD_WORDS: ReadonlySet<string> = new Set(TLD.slice(3, -1).split('|'));
/** Words that join the pieces of a spoken email ("john dot smith", "mary underscore lee"). */
export const EMAIL_SEPARATORS: ReadonlySet<string> = new Set(['dot', 'underscore', 'dash', 'hyphen', 'period']);
/** Words that lead into an email and are never part of it ("my email is …"). */
export const EMAIL_LEAD_IN: ReadonlySet<string> = new Set(
  "my email e-mail mail address is it's its the send to it at please use write down yeah yes so and uh um ok okay me on try".split(' '),
);
export const URL_RE = new RegExp(
  `\\b(?:https?:\\/\\/|www\\.)[^\\s<>"'()\\[\\]]+|\\b[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.${TLD}\\b(?:\\/[^\\s<>"'()\\[\\]]*)?`,
  'gi',
);
export const NUM_WORD_ALT = `(?:${NUMBER_WORDS.filter((w) => w !== 'double' && w !== 'triple').join('|')}|\\d+)`;
export const SPOKEN_URL_RE = new RegExp(
  `\\b(?:w w w|www)[ ]+dot[ ]+[a-z0-9-]+(?:[ ]+dot[ ]+[a-z0-9-]+)*(?:[ ]+slash[ ]+[a-z0-9-]+(?:[ ]+${NUM_WORD_ALT}\\b)*)*|\\b[a-z0-9-]+[ ]+dot[ ]+${TLD}\\b(?:[ ]+slash[ ]+[a-z0-9-]+(?:[ ]+${NUM_WORD_ALT}\\b)*)*`,
  'gi',
);
export const IBAN_RE = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/g;
export const IPV6_RE = /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\b/gi;
export const MONEY_RE = /(?:[$€£]|\b(?:USD|EUR|GBP)\s?)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|K|m|M|million|thousand|bn|billion)\b)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars?|bucks|usd|euros?|pounds)\b/g;

export const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
export const ORDINAL_WORDS =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first';
export const YEAR_WORDS = '(?:nineteen|twenty)(?:[ -](?:oh[ -])?(?:[a-z]+)(?:[ -][a-z]+)?)?|two thousand(?:[ -](?:and[ -])?[a-z]+(?:[ -][a-z]+)?)?';
export const DAY = `\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORDS}`;
export const WRITTEN_DATE_RE = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?[ ]+(?:the[ ]+)?(?:${DAY})(?:,?[ ]+(?:\\d{4}|${YEAR_WORDS}))?|(?:the[ ]+)?(?:${DAY})[ ]+(?:of[ ]+)?(?:${MONTHS})\\.?(?:,?[ ]+(?:\\d{4}|${YEAR_WORDS}))?|(?:${MONTHS})\\.?,?[ ]+\\d{4})\\b`,
  'gi',
);
export const ISO_DATETIME_RE = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\b/g;

// USPS Publication 28 street suffixes (and common abbreviations); plurals are matched too.
export const STREET_SUFFIX =
  'alley|annex|arcade|bayou|beach|bend|bluff|bottom|branch|bridge|brook|burg|bypass|camp|canyon|cape|causeway|center|centre|cliff|club|common|corner|course|cove|creek|crest|crossroad|curve|dale|dam|divide|estate|extension|fall|ferry|field|flat|ford|forest|forge|fork|fort|garden|gateway|glen|green|harbor|harbour|haven|hollow|inlet|island|isle|junction|key|knoll|lake|land|light|lock|lodge|mall|manor|meadow|mill|mission|motorway|mount|mountain|neck|orchard|oval|overpass|pass|passage|pine|plain|port|prairie|ranch|rapid|rest|river|shoal|shore|skyway|spring|spur|stream|trace|tunnel|underpass|union|village|ville|wall|well|street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|square|sq|trail|trl|crescent|close|row|alley|plaza|loop|pike|route|rte|expressway|freeway|fwy|junction|ridge|heights|hts|gardens|grove|mews|walk|wharf|park|point|pointe|crossing|view|hill|hills|landing|valley|vista|station|summit|track|turnpike|via|camino';
export const EURO_STREET = '[\\p{Lu}][\\p{L}]*(?:katu|tie|gatan|vägen|vagen|gata|straße|strasse|str\\.?|weg|gasse|platz|laan|straat|gracht|vej|vei|veien|allee|ulica|utca|tér|ut|út)';
export const UNIT = '(?:[,\\n ]*(?:[Aa]pt|APT|[Aa]partment|[Ss]uite|SUITE|[Ss]te|[Uu]nit|UNIT|[Ff]lat|[Ff]loor|[Ff]l|[Rr]oom|[Rr]m|[Bb]ldg|[Bb]uilding|#)\\.?[ ]*#?[A-Za-z0-9-]*\\d[A-Za-z0-9-]*)';
export const CAP_WORD = "[\\p{Lu}][\\p{L}'’.-]*";
// Street words: capitalised, or the Hungarian/Polish abbreviations "u." and "ul." that precede or follow a name.
export const STREET_WORD = `(?:${CAP_WORD}|ul\\.|u\\.)`;
/** Street-type words of other languages written as their own lower-case word after the name: "Luite tee 87", "Árpád fejedelem útja 62". */
export const LOCAL_STREET_WORDS = 'tee|út|útja|utca|tie|katu|vej|gade|gatan|vägen|veien|vei|straat|laan|weg|gasse|sokak|sokağı|caddesi|aleja|trg|cesta|ulice|ulica|náměstí|namesti|třída|utcája|körút|rakpart|sor|köz|tér|dalur|vegur|gata|stræde|allé|allee|kuja|polku|kaari|rinne';
/** Lower-case particles inside a street name ("Rua Vinte e Cinco de Setembro"); a sentence's own words are not. */
export const STREET_PARTICLE = '(?:de|del|della|di|da|do|dos|das|du|des|la|le|les|van|von|der|den|e|y|el)(?![\\p{L}])';
/** A lower-case word inside a street name before a local street word ("fejedelem" of "Árpád fejedelem útja 62"). */
export const LOWER_STREET_PART = "\\p{Ll}[\\p{L}'’.-]*";
export const SUFFIX_ANY_CASE = STREET_SUFFIX.split('|')
  .map((x) => `${x}s?|${x[0]!.toUpperCase()}${x.slice(1)}s?|${x.toUpperCase()}S?`)
  .join('|');
/** Street addresses that start with the house number; run sticky at digit groups the tokenizer found. */
export const ADDRESS_DIGIT_Y = new RegExp(
  `(?:\\d{1,6}[ ]+)?\\d{1,6}[A-Za-z]?(?:[ ]+${CAP_WORD}){1,4}[ ]+(?:${SUFFIX_ANY_CASE})\\b\\.?${UNIT}?|\\d{1,5}[ ]+${EURO_STREET}(?:[ ]+\\d{1,5}[A-Za-z]?)?\\b${UNIT}?`,
  'uy',
);
/** Street addresses that start with the street word ("Koskikatu 25", "Via Tasso 129"). */
/** A street named without a house number: "shows on Tarsicio Isle Street" (group 1). */
export const STREET_NAME_RE = new RegExp(
  `\\b(?:on|at|in|along|off)[ ]+(${CAP_WORD}(?:[ ]+${CAP_WORD}){0,2}[ ]+(?:Street|Avenue|Road|Boulevard|Lane|Drive|Terrace|Crescent|Parkway|Place|Court|Way)\\b)`,
  'gu',
);
export const ADDRESS_WORD_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:\\d{1,6}[ ]+)?${CAP_WORD}(?:[ ]+(?:${CAP_WORD}|${LOWER_STREET_PART})){0,2}[ ]+(?:(?:${LOCAL_STREET_WORDS})\\.?|u\\.|ul\\.)[ ]+\\d{1,5}[A-Za-z]?\\b\\.?${UNIT}?|\\b${EURO_STREET}[ ]+\\d{1,5}[A-Za-z]?\\b${UNIT}?|(?:\\b\\d{1,6}[ ]+)?(?:\\b(?:[Vv]ia|[Rr]ue|[Cc]alle|[Aa]venida|[Rr]ua|[Aa]venue|[Uu]lica|[Pp]iazza|[Pp]laza|[Cc]hemin|[Bb]oulevard|[Cc]orso|[Vv]iale|[Ll]argo|[Pp]asseig|[Cc]arrer)|\\bC\\/)[ ]+(?:(?:de|del|dei|della|delle|degli|di|la|le|des|da|do|dos|das)[ ]+)?${CAP_WORD}(?:[ ]+${CAP_WORD}){0,2},?[ ]+\\d{1,5}\\b${UNIT}?|\\b\\d{1,5},?[ ]+(?:[Aa]venue|[Rr]ue|[Bb]oulevard|[Cc]hemin|[Pp]lace|[Aa]ll[ée]e|[Ii]mpasse|[Qq]uai)[ ]+(?:(?:de la|de|du|des|d')[ ]*)?${CAP_WORD}(?:[ ]+${CAP_WORD}){0,2}`,
  'gu',
);
/**
 * Addresses without a street-type word: "20789 Allika 46", "Edeby 55\n Apt. 297", "P.O. Box 242",
 * "PSC 0413, Box 8144\nAPO AA 42323", and "<words> <number>" right after "live at" / "address is".
 */
export const ADDR_NUM_Y = new RegExp(`\\d{1,6}[ ]+${STREET_WORD}(?:[ ]+${STREET_WORD}){0,3}[ ]+\\d{1,5}[A-Za-z]?\\b\\.?${UNIT}?`, 'uy');
export const ADDR_UNIT_RE = new RegExp(`(?<![\\p{L}\\d.])${STREET_WORD}(?:[ ]+${STREET_WORD}){0,2}[ ]+\\d{1,5}[A-Za-z]?\\b\\.?${UNIT}`, 'gu');
export const ADDR_BOX_RE =
  /\b(?:(?:P\.?[ ]?O\.?[ ]?Box|PSC[ ]+\d{1,5},?[ ]+Box|Unit[ ]+\d{1,5},?[ ]+Box)[ ]+\d{1,6}(?:[,\n ]+(?:APO|FPO|DPO)[ ]+(?:AA|AE|AP)[ ]+\d{5})?|(?:USS|USNS|USNV|USCGC)[ ]+[A-Z][\w'-]*(?:[ ]+[A-Z][\w'-]*)?[,\n ]+(?:APO|FPO|DPO)[ ]+(?:AA|AE|AP)[ ]+\d{5})/gi;
export const ADDR_CTX_RE = new RegExp(
  `\\b(?:live at|lives at|living at|address is|located at|office is at|off at|meet me at|send it to|ship it to|deliver it to|mail it to|it is at|it's at|(?:live|lives|lived|living|enter|located|situated|stay|stays|staying|moved|house|home|office) on)[ ]+((?:\\d{1,6}[ ]+)?${STREET_WORD}(?:[ ]+(?:${STREET_WORD}|${STREET_PARTICLE})){0,5}[ ]+\\d{1,5}[A-Za-z]?\\b)`,
  'gu',
);
export const ADDR_CTX_HINT_RE = /\b(?:at|address is|to|on)[ ]+[\p{Lu}\d]/u;
/** "four twenty two Elm Street", "one two three main street": a spoken house number before a street name. */
export const SPOKEN_ADDRESS_RE = new RegExp(
  `\\b(?:(?:${NUMBER_WORDS.filter((w) => w !== 'double' && w !== 'triple').join('|')})[ -]+){1,6}(?:[A-Za-z][\\p{L}'’.-]*[ ]+){1,3}(?:${STREET_SUFFIX})\\b`,
  'giu',
);
/** Identifiers with letters ("F162823540116", "AB-12345") right after the word that names them. */
export const CONTEXT_ID_RE =
  /\b(driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e|passport|member(?:ship)?|account|acct|order|confirmation|reference|booking|policy|ticket|tracking|customer|invoice|claim|case|reservation)(?:[ ]+(?:number|no\.?|#|id|code))?(?:[ ]+is|:)?[ ]+(?:#[ ]?)?([A-Za-z]{0,3}-?[0-9][A-Za-z0-9-]{3,19})\b/gi;
export const IBAN_CI_RE = /\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,30}\b/gi;
export const UNIT_ONLY_RE = /\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\.?[ ]*#?\d{1,5}[A-Za-z]?\b/g;
// What follows an address line: ", City, ST 12345", "\nCity\n, ST\n Country 12345" (form-filled text).
// Segments must start with a capital or a digit and are not "Label:" lines, so prose and speaker turns stop it.
export const ADDRESS_TAIL_RE =
  /^(?:[ \t]*(?:,|\n)[ \t\n,]*(?![\p{L}\d'.-]*:)(?:\p{Lu}|\d)[\p{L}\d'.-]*(?:[ ]+(?:(?:de|del|la|le|do|da|di|dos|das|van|von|der|na|nad|e|y|am|an)[ ]+)?(?:\p{Lu}|\d|\()[\p{L}\d'.()-]*){0,3}){0,4}/u;
/** UK ("SW1A 1AA") and Canadian ("K1A 0B1") postcodes: formats specific enough to need no context. */
export const POSTCODE_RE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[ABD-HJLNP-UW-Z]{2}|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ ]?\d[ABCEGHJ-NPRSTV-Z]\d)\b/g;
export const STATE_ZIP_RE = /\b([A-Z]{2})[ ]+(\d{5}(?:-\d{4})?)\b/g;

// Group 1: the next words are the name whatever their case; group 2: the next capitalised words are;
// group 3: the next capitalised words are when the lexicon knows one of them.
export const NAME_TRIGGER_RE =
  /\b(?:(my (?:full |first |last |middle )?name(?:'s| is)|(?:first|last|full|middle|sur|maiden|real|legal) ?name(?: is|:)|your name\??|call me|surname is|it's spelled|spelled)|(mr|mrs|ms|miss|mister|dr|prof|name|names|named (?:him|her|them|me|us)|named|called|dear|under|assistant to|starring|featuring|married to|(?:directed|written|performed|composed|produced|painted|signed|authored|sung|narrated|founded) by|said|asked|replied)|(this is|speaking with|talking to|spoke (?:to|with)|ask for))(?![\p{L}])[.:,]?[ ]*(?:(?:uh|um|er|it's|its)[ ,]+)?/giu;
export const NAME_LIST_NEXT_RE = /^(?:,[ ]*(?:and[ ]+)?|[ ]+and[ ]+|[ ]*&[ ]*)([\p{Lu}][\p{L}'’-]+)(?![\p{L}])/u;
export const NAME_LIST_PREV_RE = /([\p{Lu}][\p{L}'’-]+)(?:,[ ]*|[ ]+and[ ]+|[ ]*&[ ]*)$/u;
/** Words that make a capitalised sequence a company, not a person. */
export const ORG_WORDS = new Set(
  'inc inc. llc ltd ltd. corp corporation company co group holdings bank insurance university college hospital clinic foundation associates partners technologies technology systems solutions services media labs studio studios airlines airways motors industries enterprises consulting capital ventures international global network networks software gmbh ag sa plc dental dentistry pharmacy medical health healthcare clinics plumbing realty salon spa auto autos hotel hotels restaurant cafe bakery fitness gym veterinary vet law legal financial finance energy electric telecom wireless outfitters store stores shop market supply logistics travel tours air shipping rentals'.split(' '),
);
/** Verbs that, right after a sentence-initial unknown word, make it the name of a person. */
export const SUBJECT_VERBS = new Set(
  'is was lives lived spent works worked said says called calls went has had wrote writes told asked wants wanted joined left moved'.split(' '),
);
export const NON_ASCII_RE = /[^\u0020-\u007e]/;
// Unknown capitalised words count as places only after a verb of living or travelling ("based in X"),
// or after a bare "in"/"from" when written in capitals or with non-ASCII letters ("in TROMSØ").
export const CTX_PLACE_STRONG_RE = /\b(?:live|living|lives|lived|reside|resides|resided|based|located|moved|move|born|originally|arrived|returned|travel(?:l?ing|l?ed)?|visit(?:ing|ed)?|stay(?:ing|ed)?|here|back)[ ]+(?:in|at|to|from|near|here from)[ ]+$|\b(?:i am|i'm|we are|we're) in[ ]+$|\b(?:city|town|village|county|province|region|suburb|district|municipality|borough|outskirts)[ ]+of[ ]+$/i;
export const CTX_PLACE_WEAK_RE = /\b(?:in|from)[ ]+$/i;
export const NAME_TOKEN_RE = /[\p{L}][\p{L}'’-]*/uy;
export const SPELLED_RE = /(?<![\p{L}\d])(?:[A-Za-z][ ]*[.,-]?[ ]+){2,40}[A-Za-z](?![\p{L}\d])\.?/gu;
export const SPELL_CONTEXT_RE = /\b(?:spell(?:ed|s|ing)?|name|that's|thats|it's|its|letters?|as in)\b/i;

export const AGE_AFTER_RE = /^[ ]*(?:-|[ ])?(?:years?|yrs?)(?:[ -]old|[ ]of[ ]age)\b|^[ ]*(?:-year-old|yo\b|y\/o\b|y\.o\.?)/i;
// "my son is 12", "age: 45", "she was 23 when…": an age after a person and a form of "to be".
export const AGE_BEFORE_RE = /\b(?:aged?|age is|age:|age -|i'm|i am|he's|she's|he is|she is|(?:i|he|she) was|(?:son|daughter|kid|child|boy|girl|baby|mother|father|mom|mum|dad|wife|husband|brother|sister|grandson|granddaughter|grandmother|grandfather|partner) is|(?:i|he|she|we|they)(?:'ll| will) be|(?:we're|we are|they're|they are) both|turned|turning|(?:when|since|until) (?:i|he|she|they|we) (?:was|were|turned))[ ]*(?:of[ ]+)?$/i;
export const MONEY_AFTER_RE = /^[ ]*(?:dollars?|bucks|usd|euros?|pounds|cents)\b/i;

export const CTX_CARD = /\b(?:card|credit|debit|visa|mastercard|amex|american express|discover|cc)\b/i;
export const CTX_CARD_TAIL = /\b(?:ending(?: in| with)?|ends (?:in|with)|last (?:four|4)(?: digits)?(?: (?:of|on) (?:the|my|your) (?:card|credit card|debit card|visa|mastercard|amex))?(?: (?:is|are|of))?)[ :]*$/i;
export const CTX_SSN = /\b(?:ssn|social security|social|ss#|tax id|tin)\b/i;
export const CTX_PHONE = /\b(?:phone|number|call|reach|cell|mobile|tel|telephone|text|contact|fax|dial|line)\b/i;
/** Words that mean a phone even beside "account": "call me at", "my cell is". */
export const CTX_PHONE_STRONG = /\b(?:phone|call|reach|cell|mobile|tel|telephone|text|fax|dial)\b/i;
export const CTX_ACCOUNT =
  /\b(?:account|acct|order|member(?:ship)?|policy|confirmation|reference|ref|booking|ticket|invoice|tracking|customer (?:id|number)|routing|case|claim|reservation|loyalty|pin|passcode|passport|id|license|licence|serial|record|mrn|patient)\b/i;
export const CTX_DL = /\b(?:driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e (?:number|no|#)|dl(?: number| no| #)?)\b/i;
export const CTX_ZIP = /\b(?:zip|postal|post ?code|zipcode)\b/i;
export const CTX_DOB = /\b(?:born|birth|dob|d\.o\.b|birthday|bday)\b/i;
export const CTX_YEAR_BEFORE = /\b(?:born in|since|in|from|year|of|until|till|by|during|around|circa)[ ]*$/i;
export const CTX_LOCATION_BEFORE = /\b(?:live|living|lives|lived|reside|resides|based|located|moved|move|from|in|to|near|at|visit|visiting|born)[ ]+(?:in[ ]+|to[ ]+|at[ ]+|near[ ]+)?(?:the[ ]+)?$|\b(?:city|town|village|county|province|region|suburb|district|municipality|borough|outskirts)[ ]+of[ ]+$/i;
export const PLACEHOLDER_RE = /\[[A-Z][A-Z0-9_]*(?::[^\]\s]*)?\]/g;

export const NUMBER_WORD_SET = new Set(NUMBER_WORDS);
export const EURO_STREET_END_RE = /(?:katu|tie|gatan|vägen|vagen|gata|straße|strasse|str|weg|gasse|platz|laan|straat|gracht|vej|vei|veien|allee|ulica|utca)$/;
export const EURO_STREET_TAILS = new Set(['atu', 'tie', 'tan', 'gen', 'ata', 'aße', 'sse', 'str', 'weg', 'atz', 'aan', 'aat', 'cht', 'vej', 'vei', 'ien', 'lee', 'ica', 'tca']);
export const IPV6_HINT_RE = /[0-9a-f]:[0-9a-f]{0,4}:/i;

/**
 * Company contexts: the capitalised run after "thank you for calling", "you have reached", "welcome to",
 * "for choosing", or before "support"/"customer service"/"help desk", names a business. Organizations are
 * not data about the caller (Presidio's ORGANIZATION is out of scope too), so these are never redacted.
 */
export const ORG_BEFORE_RE =
  /\b(?:for calling|you(?:'ve| have)? reached|welcome to|for choosing|for contacting)[ ]+([\p{Lu}][\p{L}\d&'’.-]*(?:[ ]+(?:&[ ]+)?[\p{Lu}][\p{L}\d&'’.-]*){0,3})/gu;
export const ORG_AFTER_RE =
  /(?<![\p{L}])([\p{Lu}][\p{L}\d&'’.-]*(?:[ ]+[\p{Lu}][\p{L}\d&'’.-]*){0,3})[ ]+(?:support|customer (?:service|care|support)|help ?desk|helpline)\b/gu;
/** A speaker naming themself: "Grace Mensah here", "Riley speaking", "Maria Lopez calling". */
export const SELF_NAME_RE =
  /(?:^|[.!?,;:\n][ ]*|\b(?:hi|hello|hey|yes|yeah|yep|oh|and)[ ]+)([\p{Lu}][\p{L}'’-]+(?:[ ]+[\p{Lu}][\p{L}'’-]+){0,2})[ ]+(?:here|speaking|calling)(?![\p{L}])/gu;
/** Lower-case words after which a sentence-initial everyday word is a word, not a name ("Glad we", "Happy to", "Per our"). */
export const FUNCTION_WORDS = new Set(
  'we to our the you your i it that this for with a an about of and but if as so there my me us they them he she his her its at on in by from'.split(' '),
);
/** "This is Grace Mensah" (no i flag: it would make \p{Lu} match lower case too). */
export const THIS_IS_NAME_RE = /\b[Tt]his is ([\p{Lu}][\p{L}'’-]+)(?: ([\p{Lu}][\p{L}'’-]+))?/gu;

/** "in my 40s", "in her late thirties": an age given as a decade. */
export const AGE_DECADE_RE = /\bin (?:my|his|her|their|our) (?:early |mid |mid-|late )?((?:[1-9]0'?s)|(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b/gi;
/** Right after a name: ", 34," or " (34)" — the person's age. */
export const AGE_AFTER_NAME_RE = /^(?:,[ ]?(\d{1,3})(?=,)|[ ]\((\d{1,3})\)|[ ]+(?:is|was|turned|turns)[ ]+(\d{1,3})\b(?![ ]*(?:%|percent|minutes|hours|days|weeks|months|times|feet|foot|ft|inches|cm|kg|lbs?|pounds|miles|km|points|dollars|\$|[.,:/-]\d)))/i;
