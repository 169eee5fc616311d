import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRedactor, parsePolicy } from '../../../src/engine/privacy';
import type { EntityType } from '../../../src/engine/privacy';
import { createNodePorts } from '../../../src/node/nodePorts';

const hashing = createNodePorts().hashing;
const redactor = createRedactor({ hmacKey: new Uint8Array(32).fill(5), hashing });

/** [text, type, the exact substring that must be reported]: every type, written and spoken. */
const CASES: [string, EntityType, string][] = [
  // Person names
  ['Hi, this is Maria Lopez from billing', 'PERSON', 'Maria Lopez'],
  ['my name is, uh, maria lopez', 'PERSON', 'maria lopez'],
  ['the last name is S M I T H', 'PERSON', 'S M I T H'],
  ['Please ask for Mr. Kowalczyk tomorrow', 'PERSON', 'Kowalczyk'],
  // Phones
  ['call me at (415) 555-0199 after six', 'PHONE', '(415) 555-0199'],
  ['reach me on +44 20 7946 0958', 'PHONE', '+44 20 7946 0958'],
  ['my number is four one five, five five five, zero one nine nine', 'PHONE', 'four one five, five five five, zero one nine nine'],
  ['it is double two oh seven nine four six oh nine five eight', 'PHONE', 'double two oh seven nine four six oh nine five eight'],
  // Emails
  ['write to jane.roe@example.org please', 'EMAIL', 'jane.roe@example.org'],
  ['my email is john dot smith at gmail dot com', 'EMAIL', 'john dot smith at gmail dot com'],
  // Cards (Luhn-valid test numbers)
  ['card 4111 1111 1111 1111 expires soon', 'CARD_NUMBER', '4111 1111 1111 1111'],
  ['the card number is four five three nine, one four eight eight, oh three four three, six four six seven', 'CARD_NUMBER', 'four five three nine, one four eight eight, oh three four three, six four six seven'],
  ['the card ending in 4421 was declined', 'CARD_NUMBER', '4421'],
  // SSN
  ['SSN 219-09-9999 on file', 'SSN', '219-09-9999'],
  ['my social is five two four, three one, seven seven eight two', 'SSN', 'five two four, three one, seven seven eight two'],
  // IBAN
  ['IBAN GB82 WEST 1234 5698 7654 32 please', 'IBAN', 'GB82 WEST 1234 5698 7654 32'],
  ['my iban is gb82west12345698765432', 'IBAN', 'gb82west12345698765432'],
  // Account / order / member numbers
  ['my account number is 88213904', 'ACCOUNT_NUMBER', '88213904'],
  ['the confirmation number is eight three seven two nine one five', 'ACCOUNT_NUMBER', 'eight three seven two nine one five'],
  // Addresses
  ['I live at 742 Evergreen Terrace, Springfield', 'ADDRESS', '742 Evergreen Terrace, Springfield'],
  ['ship it to 55 Water Street, Apt 4B please', 'ADDRESS', '55 Water Street, Apt 4B'],
  ['I live at four twenty two Elm Street', 'ADDRESS', 'four twenty two Elm Street'],
  // ZIP
  ['Austin, TX 78701', 'ZIP', '78701'],
  ['the zip code is nine four one oh seven', 'ZIP', 'nine four one oh seven'],
  ['post it to London SW1A 1AA', 'ZIP', 'SW1A 1AA'],
  ['Montevideo, Uruguay 64677', 'ZIP', '64677'],
  // Locations
  ['I moved to Denver last year', 'LOCATION', 'Denver'],
  ['we are based in New York', 'LOCATION', 'New York'],
  // Dates and dates of birth
  ['my date of birth is 12/05/1969', 'DATE_OF_BIRTH', '12/05/1969'],
  ['I was born on July fourth, nineteen ninety', 'DATE_OF_BIRTH', 'July fourth, nineteen ninety'],
  ['the payment was due on June 15th', 'DATE', 'June 15th'],
  ['logged at 2021-03-04 10:22', 'DATE', '2021-03-04 10:22'],
  // Ages
  ["I'm 72 years old", 'AGE', '72'],
  ["I'm seventy two years old", 'AGE', 'seventy two'],
  ['Written when he was 78.', 'AGE', '78'],
  // IPs
  ['my IP is 73.22.181.9', 'IP_ADDRESS', '73.22.181.9'],
  ['the router says one nine two dot one six eight dot one dot twenty', 'IP_ADDRESS', 'one nine two dot one six eight dot one dot twenty'],
  // Driver's licences
  ["driver's license 4829173", 'DRIVER_LICENSE', '4829173'],
  ["my driver's license number is four eight two nine one seven three", 'DRIVER_LICENSE', 'four eight two nine one seven three'],
  ["My driver's license number is F162823540116", 'DRIVER_LICENSE', 'F162823540116'],
  ['my order number is AB-99812 thanks', 'ACCOUNT_NUMBER', 'AB-99812'],
  // URLs
  ['the link was https://pay.example.com/inv/88213.', 'URL', 'https://pay.example.com/inv/88213'],
  ['go to w w w dot acme-shop dot com slash account', 'URL', 'w w w dot acme-shop dot com slash account'],
  // Amounts
  ['the charge was $49.99', 'DOLLAR_AMOUNT', '$49.99'],
  ['I paid two hundred and fifty dollars', 'DOLLAR_AMOUNT', 'two hundred and fifty dollars'],
];

describe('privacy: detection of every entity type, written and spoken', () => {
  for (const [text, type, expected] of CASES) {
    it(`${type}: ${text}`, () => {
      const found = redactor.detect(text).map((e) => [e.type, text.slice(e.start, e.end)]);
      assert.ok(
        found.some(([t, s]) => t === type && s === expected),
        `expected ${type} "${expected}" in ${JSON.stringify(found)}`,
      );
    });
  }

  it('leaves ordinary service talk alone', () => {
    for (const text of [
      'Thank you for calling. How can I help you today?',
      'I need to change my plan to the cheaper one',
      'it has been two weeks and nothing happened',
      'Can you repeat that one more time please?',
      'The order shipped in 3 boxes on Monday.',
      'We offer 24/7 support and a 30 day refund window.',
    ]) {
      assert.deepEqual(redactor.detect(text), [], text);
    }
  });

  it('rejects look-alikes that fail validation', () => {
    assert.deepEqual(redactor.detect('order 4111 1111 1111 1112 arrived').filter((e) => e.type === 'CARD_NUMBER'), [], 'Luhn fails');
    assert.deepEqual(redactor.detect('version 1.0.0.0 is out').filter((e) => e.type === 'IP_ADDRESS'), []);
    assert.deepEqual(redactor.detect('code 000-12-3456 on the box').filter((e) => e.type === 'SSN'), [], 'area 000 is never issued');
    assert.deepEqual(redactor.detect('IBAN GB82 WEST 1234 5698 7654 33').filter((e) => e.type === 'IBAN'), [], 'mod-97 fails');
  });

  it('keeps placeholders and allowlisted business names', () => {
    assert.deepEqual(redactor.detect('Thanks [CUSTOMER_NAME_1], refund of [DOLLAR_AMOUNT:100-500] sent to [EMAIL_1].'), []);
    const policy = parsePolicy({ allowlist: ['Maria Lopez Realty'] });
    const r = createRedactor({ hmacKey: new Uint8Array(32), hashing, policy });
    assert.equal(r.redactText('Welcome to Maria Lopez Realty, I am Jane Doe').text, 'Welcome to Maria Lopez Realty, I am [CUSTOMER_NAME_1]');
  });
});

describe('privacy: placeholders and policy', () => {
  it('numbers placeholders per type and reuses them for the same value', () => {
    const r = redactor.redactText('Call 415-555-0199 or 415 555 0199, or 212-555-0147. Email a@b.co');
    assert.equal(r.text, 'Call [PHONE_1] or [PHONE_1], or [PHONE_2]. Email [EMAIL_1]');
  });

  it('buckets amounts by default and per policy', () => {
    assert.equal(redactor.redactText('a refund of $249.99').text, 'a refund of [DOLLAR_AMOUNT:100-500]');
    assert.equal(redactor.redactText('fee of $5').text, 'fee of [DOLLAR_AMOUNT:0-10]');
    assert.equal(redactor.redactText('a $25,000 loan').text, 'a [DOLLAR_AMOUNT:10000+] loan');
    const policy = parsePolicy({ entities: { DOLLAR_AMOUNT: { buckets: [0, 1000] }, AGE: { mode: 'bucket' } } });
    const r = createRedactor({ hmacKey: new Uint8Array(32), hashing, policy });
    assert.equal(r.redactText("a refund of $249.99, I'm 72 years old").text, 'a refund of [DOLLAR_AMOUNT:0-1000], I\'m [AGE:65+] years old');
  });

  it('turns optional types off (never a protected one), renames placeholders and uses plain placeholders', () => {
    const policy = parsePolicy({ entities: { LOCATION: { enabled: false }, EMAIL: { enabled: false }, PERSON: { placeholder: 'CALLER', mode: 'plain' } } });
    const r = createRedactor({ hmacKey: new Uint8Array(32), hashing, policy });
    assert.equal(r.redactText('my name is Maria Lopez, email maria@example.com, I live in Paris').text, 'my name is [CALLER], email [EMAIL_1], I live in Paris');
  });

  it('refuses a short HMAC key', () => {
    assert.throws(() => createRedactor({ hmacKey: new Uint8Array(4), hashing }), /hmacKey must be a Uint8Array of at least 16 bytes/);
  });
});

describe('privacy: spoken-form fixture set', () => {
  it('finds every gold span of test/fixtures/privacy/spoken.jsonl with the right type', () => {
    const file = path.resolve(__dirname, '../../fixtures/privacy/spoken.jsonl');
    const misses: string[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const c = JSON.parse(line) as { text: string; spans: { type: string; start: number; end: number }[] };
      const found = redactor.detect(c.text);
      for (const g of c.spans) {
        const covered = found.filter((e) => e.type === g.type || (g.type === 'DATE' && e.type === 'DATE_OF_BIRTH')).reduce((a, e) => a + Math.max(0, Math.min(e.end, g.end) - Math.max(e.start, g.start)), 0);
        if (covered < (g.end - g.start) / 2) misses.push(`${g.type} "${c.text.slice(g.start, g.end)}" in "${c.text}"`);
      }
    }
    assert.deepEqual(misses, []);
  });
});
