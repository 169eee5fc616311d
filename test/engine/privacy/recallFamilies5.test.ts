import assert from 'node:assert/strict';
import { createDetector } from '../../../src/engine/privacy/detect';
import { ENTITY_TYPES } from '../../../src/engine/privacy/policy';

// Session-5 families. The rules alone (learned classifier off) unless a case says otherwise.
const rules = createDetector({ enabled: new Set(ENTITY_TYPES), allowlist: [], minScore: 0.5 });
const withLearned = createDetector({ enabled: new Set(ENTITY_TYPES), allowlist: [], minScore: 0.5, learned: true });
const found = (text: string, d = rules) => d.detect(text).map((e) => `${e.type}:${text.slice(e.start, e.end)}`);

function expectFound(cases: [string, string][], d = rules): void {
  for (const [text, want] of cases) assert.ok(found(text, d).includes(want), `${text}: wanted ${want}, got ${JSON.stringify(found(text, d))}`);
}
function expectNot(cases: [string, string][], d = rules): void {
  for (const [text, unwanted] of cases) assert.ok(!found(text, d).some((f) => f.startsWith(unwanted)), `${text}: did not want ${unwanted}…, got ${JSON.stringify(found(text, d))}`);
}

describe('privacy: recall families, session 5 (postcodes before towns, ZIP+4, regions, dates with times, ordinal days, age lists)', () => {
  it('a postcode written before its town, after a comma, a line start or a place word; a year before a town only when the town ends the phrase', () => {
    expectFound([
      ['She moved to 10115 Berlin last year.', 'ZIP:10115'],
      ['The office is in 2000 Antwerpen, Belgium.', 'ZIP:2000'],
      ['Delivery: 8011 Zwolle, Netherlands', 'ZIP:8011'],
      ["I'm in Ljubljana 1000 now.", 'ZIP:1000'],
      ['I live in 10023.', 'ZIP:10023'],
      ['my postal code is 1012 LG', 'ZIP:1012 LG'],
    ]);
    expectNot([
      ['In 2015 Boston won the series.', 'ZIP'],
      ['Since 1990 London has grown.', 'ZIP'],
      ['We sold 12000 Apple phones.', 'ZIP'],
    ]);
  });

  it('ZIP+4 after a state code is a ZIP, not a phone number', () => {
    expectFound([['She lives in Grand Rapids, MI 49503-1234.', 'ZIP:49503-1234']]);
    expectNot([['She lives in Grand Rapids, MI 49503-1234.', 'PHONE']]);
  });

  it('provinces, regions and continents are places; towns the English word list also holds are places after a place cue, mid-sentence', () => {
    expectFound([
      ['My cousin lives in Victoria, British Columbia.', 'LOCATION:British Columbia'],
      ['He is from Ohio, she is from Quebec.', 'LOCATION:Quebec'],
      ["I'm visiting Bavaria next week.", 'LOCATION:Bavaria'],
      ['I have a flat in Zagreb.', 'LOCATION:Zagreb'],
      ['The train from Oslo to Bergen takes 7 hours.', 'LOCATION:Bergen'],
      ['He grew up in the city of Brakpan.', 'LOCATION:Brakpan'],
      ['The town of Oakvale is small.', 'LOCATION:Oakvale'],
    ]);
    expectNot([
      ['Put it in Reverse.', 'LOCATION'],
      ['The city of the future is here.', 'LOCATION'],
    ]);
  });

  it('a clock time said with a date is part of it; a weekday after "<time> on" is an appointment; a time alone stays', () => {
    expectFound([
      ['He arrived on Jan. 5, 2020 at 10:30 am.', 'DATE:Jan. 5, 2020 at 10:30 am'],
      ['last seen 04 Aug 2021 14:22', 'DATE:04 Aug 2021 14:22'],
      ['My appointment is at 3:15 PM on Thursday.', 'DATE:3:15 PM on Thursday'],
    ]);
    expectNot([
      ['The store closes at 9 pm on weekdays.', 'DATE'],
      ['The alarm went off at 10:45 PM.', 'DATE'],
    ]);
  });

  it('a day of the month on its own ("on the 5th", "Monday the 3rd", "on 12/03") is a date; "the 5th floor" is not', () => {
    expectFound([
      ['Meet me on the 5th.', 'DATE:5th'],
      ['It is due by the 21st of next month.', 'DATE:21st'],
      ['It was Monday the 3rd.', 'DATE:Monday the 3rd'],
      ['Our call is on 12/03 at 10am.', 'DATE:12/03 at 10am'],
      ['I worked there from 1999-2004.', 'DATE:1999-2004'],
    ]);
    expectNot([
      ["I'm on the 5th floor.", 'DATE'],
      ['This is the 3rd time I call.', 'DATE'],
      ['Scored on 3/4 of the tests.', 'DATE'],
      ['I worked there from 1999-2004.', 'PHONE'],
    ]);
  });

  it('ages in lists ("aged 4, 6 and 9"), after a relative (", 81,", "(6)"), and in "40th birthday"; "Happy" in a wish is nobody', () => {
    expectFound([
      ['I have 3 kids aged 4, 6 and 9.', 'AGE:9'],
      ['ages 5 and 7', 'AGE:5'],
      ['Our son (6) loves trains.', 'AGE:6'],
      ['Mother, 81, lives with us.', 'AGE:81'],
      ['Happy 40th birthday!', 'AGE:40'],
      ["She's 42yo.", 'AGE:42'],
      ['a 42yr old man', 'AGE:42'],
    ]);
    expectNot([
      ['Happy 40th birthday!', 'PERSON'],
      ['Merry Christmas and happy holidays!', 'PERSON'],
      ['I have 3 kids and 2 dogs.', 'AGE'],
      ['The order, 81, shipped.', 'AGE'],
      ['the 5yr plan', 'AGE'],
    ]);
  });

  it('with the learned classifier: a brand before a service or role noun is no person ("Title: Skyway agent"); a word only the town gazetteer knows is a place', () => {
    expectNot(
      [
        ['Title: Skyway agent', 'PERSON'],
        ['Role: Skyway agent', 'PERSON'],
        ['Subject: Skyway refund', 'PERSON'],
        ['Agent: Skyway Support', 'PERSON'],
      ],
      withLearned,
    );
    expectFound([['Where in Kenya is Kisumu?', 'LOCATION:Kisumu']], withLearned);
  });

  it('film and quote credits name people ("starring X", "directed by X", "said X to Y", "named him X"); a weekday after "said" is no one', () => {
    expectFound([
      ['The film was directed by Brad L Key and starring Maclean.', 'PERSON:Maclean'],
      ["I'm so jealous! said Erle to Maurice.", 'PERSON:Erle'],
      ['She named him Frank.', 'PERSON:Frank'],
      ['The company was founded by Abebe Bikila in 1990.', 'PERSON:Abebe Bikila'],
    ]);
    expectNot([
      ['"Fine," said Tuesday.', 'PERSON'],
      ['It was signed by Customer Service.', 'PERSON'],
      ['called hes surname ill know', 'PERSON'],
    ]);
  });

  it('a text with no capital letter is read again with the capitals the lexicons give its words: names and places are found, typos and run-together words are not', () => {
    expectFound([
      ['have you heard nijito asano speak yet?', 'PERSON:nijito asano'],
      ['we spent the summer in ljubljana with friends', 'LOCATION:ljubljana'],
      ['my iban is gb82west12345698765432', 'IBAN:gb82west12345698765432'],
      ['PLEASE CALL NIJITO ASANO ABOUT THE REFUND', 'PERSON:NIJITO ASANO'],
    ]);
    expectNot([
      ['yes adress and phone number please', 'PERSON'],
      ['well it is a guesthouse located in the north', 'PERSON'],
      ['do they have freee parking and wifi there', 'PERSON'],
      ['i would like to book a table for two on friday please', 'PERSON'],
    ]);
  });
});
