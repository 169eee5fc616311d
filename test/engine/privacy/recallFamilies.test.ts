import assert from 'node:assert/strict';
import { createDetector } from '../../../src/engine/privacy/detect';
import { ENTITY_TYPES } from '../../../src/engine/privacy/policy';

// The rules alone (the learned classifier off), so each case shows what a family does by itself.
const rules = createDetector({ enabled: new Set(ENTITY_TYPES), allowlist: [], minScore: 0.5 });
const found = (text: string) => rules.detect(text).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

function expectFound(cases: [string, string][]): void {
  for (const [text, want] of cases) assert.ok(found(text).includes(want), `${text}: wanted ${want}, got ${JSON.stringify(found(text))}`);
}
function expectNot(cases: [string, string][]): void {
  for (const [text, unwanted] of cases) assert.ok(!found(text).some((f) => f.startsWith(unwanted)), `${text}: did not want ${unwanted}…, got ${JSON.stringify(found(text))}`);
}

describe('privacy: recall families (gazetteer places, ZIPs, dates, addresses, phones, names)', () => {
  it('a town of the gazetteer is a place after a place cue or before a country; a town that is also a name or an everyday word needs a strong cue ("lives in") or the country', () => {
    expectFound([
      ['Our office in Kortrijk is closed today.', 'LOCATION:Kortrijk'],
      ['We moved to Maribor, Slovenia last year.', 'LOCATION:Maribor'],
      ['Sent from Akureyri yesterday.', 'LOCATION:Akureyri'],
      ['He lives in Jackson.', 'LOCATION:Jackson'],
      ['she was originally from Dolores, as she told us', 'LOCATION:Dolores'],
      ['We drove back to San Bernardino on Sunday.', 'LOCATION:San Bernardino'],
    ]);
    expectNot([
      ['Please call Jackson tomorrow.', 'LOCATION'],
      ['Talk to Victoria about it.', 'LOCATION'],
      ['I need to reset my password before the meeting.', 'LOCATION'],
    ]);
  });

  it('a lower-case town after a place cue is a place (speech-to-text writes no capitals); a phrase of everyday words is not', () => {
    expectFound([
      ["i'm calling from arendal about my order", 'LOCATION:arendal'],
      ['i live in san bernardino', 'LOCATION:san bernardino'],
    ]);
    expectNot([
      ['i went to mount pleasant', 'LOCATION'],
      ['we moved to the village', 'LOCATION'],
      ['put it in reverse', 'LOCATION'],
    ]);
  });

  it('a ZIP code right after a country, state or town, across separators and in any case of a country', () => {
    expectFound([
      ['Broomfield ??? New Zealand 57006', 'ZIP:57006'],
      ['rue du centre 320, marke, belgium 97466', 'ZIP:97466'],
      ['Send it to Dallas, Texas 75201 please', 'ZIP:75201'],
      ['Akureyri 60000', 'ZIP:60000'],
    ]);
    expectNot([
      ['I ordered 12345 units in total', 'ZIP'],
      ['Jackson 55555', 'ZIP'],
    ]);
  });

  it('a town is a place before a country or state, not before another town ("Sofia Lima" is a person)', () => {
    expectNot([['please change it to Sofia Lima', 'LOCATION:Sofia']]);
  });

  it('lower-case names: a first name that is no frequent word before a word no dictionary knows, with or without a middle initial', () => {
    expectFound([
      ["olga krylova's killers were sentenced", 'PERSON:olga krylova'],
      ['follow up with patricia desrosiers in a couple of months.', 'PERSON:patricia desrosiers'],
      ['follow up with benjamin a seiler next week', 'PERSON:benjamin a seiler'],
      ['the verses from eric g. samoylova are sad', 'PERSON:eric g. samoylova'],
      ['bertram m. jørgensen, soldier', 'PERSON:bertram m. jørgensen'],
    ]);
    expectNot([
      ['i will recieve it tomorrow', 'PERSON'],
      ['mark a deposit as pending', 'PERSON'],
      ['june a lot of rain', 'PERSON'],
      // A first name that is also a dictionary word, before a word the dictionary lacks: business text.
      ['offer a fee waiver to the member', 'PERSON'],
      ['renew loan calls with overdue fine resolve more often with fee waiver offer', 'PERSON'],
      ['pattern renew_loan|overdue-fine|fee-waiver-offer', 'PERSON'],
    ]);
  });

  it('dates: a year on its own, a day before its month ("5 June 2020", never an address), a weekday joined to its date, a range of days', () => {
    expectFound([
      ['Zoolander is a 2017 Polish action-comedy film', 'DATE:2017'],
      ['the 1996 season was great', 'DATE:1996'],
      ['we signed on 5 June 2020 in the end', 'DATE:5 June 2020'],
      ['see you on Tuesday, May 3rd', 'DATE:Tuesday, May 3rd'],
      ['Monday 12/05/2021 works for me', 'DATE:Monday 12/05/2021'],
      ['we are away May 3-7', 'DATE:May 3-7'],
      ['June 5th – 9th, 2021 we were away', 'DATE:June 5th – 9th, 2021'],
      ['the third of may suits me', 'DATE:the third of may'],
      ['my pin is 2014', 'ACCOUNT_NUMBER:2014'],
    ]);
    expectNot([
      ['we signed on 5 June 2020 in the end', 'ADDRESS'],
      ['room 2010 please', 'DATE'],
      ['I have 1999 points left', 'DATE'],
      ['it costs 2000 dollars', 'DATE'],
      ['The order shipped in 3 boxes on Monday.', 'DATE'],
      ['We are open Monday to Friday', 'DATE'],
    ]);
  });

  it('addresses: a street named after "lives on"/"enter on", lower-case words inside the name, street words of other languages', () => {
    expectFound([
      ['Trivo lives on Grössgstötten 50 street.', 'ADDRESS:Grössgstötten 50'],
      ['Pedestrians must enter on Hoge Wei 32 St. the first months', 'ADDRESS:Hoge Wei 32'],
      ['The bus drops you off at 518 Árpád fejedelem útja 62. St.', 'ADDRESS:518 Árpád fejedelem útja 62.'],
      ['Send it to Luite tee 87, Apt. 931, Salumäe', 'ADDRESS:Luite tee 87, Apt. 931, Salumäe'],
      ['He lives at Rua Vinte e Cinco de Setembro 1257', 'ADDRESS:Rua Vinte e Cinco de Setembro 1257'],
    ]);
    expectNot([
      ['the meeting is on Zoom at 5', 'ADDRESS'],
      ["I'm on Channel 5 tonight", 'ADDRESS'],
      ['the office is on Level 3', 'ADDRESS'],
      ['It is located at 2290 California Street. It has 2 bedrooms', 'ADDRESS:2290 California Street. It'],
      ['my house on Sunday for 2 people', 'ADDRESS'],
    ]);
  });

  it('a name goes on across lower-case particles ("van de", "da", "de la") to the surname', () => {
    expectFound([
      ['Name: Dyan van Gijn', 'PERSON:Dyan van Gijn'],
      ['call Ana da Silva today', 'PERSON:Ana da Silva'],
      ['Maria de la Cruz called', 'PERSON:Maria de la Cruz'],
    ]);
    expectFound([
      ['Maika van de Noort, Employment manager', 'PERSON:Maika van de Noort'],
      ['Leonardo da Vinci painted it', 'PERSON:Leonardo da Vinci'],
    ]);
    expectNot([
      ['give it to Maria de Paris', 'PERSON:Maria de Paris'],
      ['Rio de Janeiro is big', 'PERSON'],
    ]);
  });

  it('a weekday someone is booked on is a date; shipping days and opening hours are not', () => {
    expectFound([
      ["We'll meet Monday at the office", 'DATE:Monday'],
      ['my appointment is on Friday', 'DATE:Friday'],
    ]);
    expectNot([
      ['The order shipped in 3 boxes on Monday.', 'DATE'],
      ['I can meet any day Monday through Friday', 'DATE'],
    ]);
  });

  it('a town before another capitalised word is part of a business name; "North" alone is no state', () => {
    expectNot([
      ['Would you like to book a stay at Bridge Guest House?', 'LOCATION'],
      ['I would like a taxi from the Archway House to the club', 'LOCATION'],
      ['City Centre North B&B is a cheap guesthouse', 'LOCATION'],
      ['You are able to get alcohol at Saint Johns Chop House.', 'LOCATION'],
    ]);
  });

  it('part of a phone number under a phone cue is a phone number (the rest comes in the next turn)', () => {
    expectFound([['my cell is 917-223', 'PHONE:917-223']]);
    expectFound([['my account number is 123456', 'ACCOUNT_NUMBER:123456']]);
  });

  it('ages after a relative and "is", after "age:", "y.o."; lengths and weights are not ages', () => {
    expectFound([
      ['my son is 12', 'AGE:12'],
      ['age: 45', 'AGE:45'],
      ['he is 34 y.o.', 'AGE:34'],
      ['She was 23 when she left', 'AGE:23'],
    ]);
    expectNot([
      ['my wife is 5 feet tall', 'AGE'],
      ['he was 23 minutes late', 'AGE'],
      ['the total is 45', 'AGE'],
    ]);
  });

  it('after a strong place cue, capitalised words beginning with an everyday word are a place when a later one is no dictionary word', () => {
    expectFound([
      ['I am in Store Merløse for a business trip', 'LOCATION:Store Merløse'],
      ['I live in Green Zorbixville now', 'LOCATION:Green Zorbixville'],
    ]);
    expectNot([
      ['I am in Customer Service', 'LOCATION'],
      ["I'm staying at Grand Hotel Bellavista", 'LOCATION'],
    ]);
  });

  it('a capitalised month after "in", "since", "last"… is a date; "may" and "march" as words are not', () => {
    expectFound([
      ['I moved in March', 'DATE:March'],
      ['since October things changed', 'DATE:October'],
    ]);
    expectNot([
      ['we march in protest', 'DATE'],
      ['by May we will know', 'DATE'],
      ['the August meeting', 'DATE'],
    ]);
  });

  it('ages right after a name (", 34,", "(34)", "Mary is 34"), as a decade ("in my 40s"), "I will be 40"', () => {
    expectFound([
      ['John Smith, 34, called', 'AGE:34'],
      ['John Smith (34) called', 'AGE:34'],
      ['Mary is 34 and lives here', 'AGE:34'],
      ["I'm in my 40s", 'AGE:40s'],
      ['in her late thirties she moved', 'AGE:thirties'],
      ["we're both 30", 'AGE:30'],
      ['I will be 40 next week', 'AGE:40'],
    ]);
    expectNot([
      ['Mary is 5 minutes away', 'AGE'],
      ['John Smith, 12 Main Street', 'AGE'],
      ['Maria Lopez (415) 555-0199', 'AGE'],
      ['it will be 20 minutes', 'AGE'],
    ]);
  });
});
