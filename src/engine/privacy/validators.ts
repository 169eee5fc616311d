/**
 * Checksums and format rules that turn "a run of digits" into "a card number" or "an SSN". They are
 * what keeps precision high: a 16-digit order number that fails Luhn is not reported as a card.
 */

/** Luhn (mod 10) over a string of digits only. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Card numbers: 13–19 digits, a known issuer prefix range, and Luhn. */
export function cardValid(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const c = digits.charCodeAt(0) - 48;
  // 1, 7, 8, 9 and 0 start no payment-card ranges in use (ISO/IEC 7812 major industry identifiers).
  if (c !== 2 && c !== 3 && c !== 4 && c !== 5 && c !== 6) return false;
  return luhnValid(digits);
}

/** IBAN country lengths (ISO 13616 registry, the countries most seen in practice). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28,
  LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15,
  PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SE: 24, SI: 19, SK: 24, SM: 27, TN: 24,
  TR: 26, UA: 29, VG: 24, XK: 20,
};

/** IBAN: known country length (when the country is in the table) and ISO 7064 mod-97 == 1. */
export function ibanValid(raw: string): boolean {
  let s = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw.charCodeAt(i);
    if (ch === 32 || ch === 45) continue;
    s += raw[i]!.toUpperCase();
  }
  if (s.length < 15 || s.length > 34) return false;
  const expected = IBAN_LENGTHS[s.slice(0, 2)];
  if (expected !== undefined && expected !== s.length) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const ch = rearranged.charCodeAt(i);
    if (ch >= 48 && ch <= 57) rem = (rem * 10 + (ch - 48)) % 97;
    else if (ch >= 65 && ch <= 90) rem = (rem * 100 + (ch - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/**
 * US SSN structure (SSA rules): area not 000, 666 or 900–999; group not 00; serial not 0000.
 * Since 2011 areas are assigned randomly, so every other area is possible.
 */
export function ssnValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900) return false;
  return group !== 0 && serial !== 0;
}

/** Dotted IPv4 with every octet 0–255 and no leading zeros; 0.0.0.0-style and version-like strings are rejected. */
export function ipv4Valid(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  let zeros = 0;
  for (const p of parts) {
    if (p.length === 0 || p.length > 3) return false;
    if (p.length > 1 && p[0] === '0') return false;
    const n = Number(p);
    if (!Number.isInteger(n) || n > 255) return false;
    if (n === 0) zeros++;
  }
  // "1.0.0.0" and "0.0.0.0" are version numbers or wildcard binds, never a person's address.
  return zeros < 3 && Number(parts[0]) !== 0;
}

/** Whether an IPv4 address is routable on the public internet (private, loopback and link-local ranges are not personal). */
export function ipv4Public(text: string): boolean {
  const [a, b] = text.split('.').map(Number) as [number, number];
  if (a === 10 || a === 127) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  return a < 224;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date that exists (Feb 29 only in leap years) with a year in 1900–2100. */
export function dateValid(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 2100) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (!Number.isInteger(day) || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return true;
}

/** Reads a numeric date in m/d/y, d/m/y or y-m-d order and says whether some reading is a real date. */
export function numericDateValid(text: string): boolean {
  const parts = text.split(/[/.-]/).map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) return false;
  const [a, b, c] = parts as [number, number, number];
  const fullYear = (y: number) => (y < 100 ? (y > 30 ? 1900 + y : 2000 + y) : y);
  if (a > 31) return dateValid(a, b, c);
  const y = fullYear(c);
  return dateValid(y, a, b) || dateValid(y, b, a);
}
