import assert from 'node:assert/strict';
import { cardValid, dateValid, ibanValid, ipv4Public, ipv4Valid, luhnValid, numericDateValid, readNumberRun, ssnValid } from '../../../src/engine/privacy';

describe('privacy: validators', () => {
  it('Luhn and card ranges', () => {
    assert.equal(luhnValid('79927398713'), true); // the textbook example
    assert.equal(luhnValid('79927398710'), false);
    assert.equal(cardValid('4111111111111111'), true);
    assert.equal(cardValid('378282246310005'), true); // Amex test number
    assert.equal(cardValid('4111111111111112'), false);
    assert.equal(cardValid('1111111111111117'), false, 'major industry identifier 1 is not a payment card');
    assert.equal(cardValid('411111111111'), false, 'too short');
  });

  it('IBAN mod-97 and country length', () => {
    assert.equal(ibanValid('GB82 WEST 1234 5698 7654 32'), true);
    assert.equal(ibanValid('DE89370400440532013000'), true);
    assert.equal(ibanValid('GB82WEST12345698765433'), false, 'checksum');
    assert.equal(ibanValid('GB82WEST123456987654'), false, 'GB IBANs have 22 characters');
  });

  it('SSN area, group and serial rules', () => {
    assert.equal(ssnValid('219099999'), true);
    for (const bad of ['000123456', '666123456', '900123456', '123003456', '123450000']) assert.equal(ssnValid(bad), false, bad);
  });

  it('IPv4 ranges', () => {
    assert.equal(ipv4Valid('73.22.181.9'), true);
    assert.equal(ipv4Valid('256.1.1.1'), false);
    assert.equal(ipv4Valid('01.2.3.4'), false, 'leading zero');
    assert.equal(ipv4Valid('1.0.0.0'), false, 'version-like');
    assert.equal(ipv4Public('192.168.1.20'), false);
    assert.equal(ipv4Public('10.0.0.55'), false);
    assert.equal(ipv4Public('73.22.181.9'), true);
  });

  it('dates', () => {
    assert.equal(dateValid(2024, 2, 29), true);
    assert.equal(dateValid(2023, 2, 29), false);
    assert.equal(dateValid(1900, 2, 29), false);
    assert.equal(numericDateValid('12/05/1969'), true);
    assert.equal(numericDateValid('31/12/1999'), true, 'day-first');
    assert.equal(numericDateValid('13/13/2000'), false);
    assert.equal(numericDateValid('2000-04-16'), true);
  });
});

describe('privacy: spoken number reading', () => {
  const read = (s: string) => readNumberRun(s);
  it('reads digit-by-digit speech, doubles and "oh"', () => {
    assert.equal(read('four one five five five five one two three four').digits, '4155551234');
    assert.equal(read('double five oh seven').digits, '5507');
    assert.equal(read('triple nine').digits, '999');
    assert.equal(read('eight hundred five five five oh one nine nine').digits, '8005550199');
  });
  it('keeps the separators a speaker used', () => {
    assert.equal(read('one two three dash four five dash six seven eight nine').shape, '123-45-6789');
    assert.equal(read('one nine two dot one six eight dot one dot one').shape, '192.168.1.1');
    assert.equal(read('415 555-1234').shape, '415 555-1234');
  });
  it('reads quantities for amounts and ages', () => {
    assert.equal(read('two hundred and fifty').value, 250);
    assert.equal(read('forty two').value, 42);
    assert.equal(read('nineteen eighty two').digits, '1982');
    assert.ok(Number.isNaN(read('four one five').value), 'a digit sequence is not a quantity');
  });
});
