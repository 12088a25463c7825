// Checks that keep recognisers from firing on look-alikes (an order number
// that is not a card, a version string that is not an IP).

/** Luhn checksum over the digits of `text`. */
/** Twelve digits that pass the Luhn check: a Maestro card's shortest length, taken only after a card's label. */
export function luhn12Valid(text: string): boolean {
  if (!/^\d{12}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    let d = Number(text[11 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export function luhnValid(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  // A 13-digit run starting 978/979 is an ISBN (Bookland), not a card: no network issues 13-digit 97… cards.
  if (digits.length === 13 && /^97[89]/.test(digits)) return false;
  // Written in groups, a card number uses its networks' groupings (4-4-4-4, 4-4-4-4-3, 4-4-4-1, 4-6-5, 4-6-4) and one
  // separator, not an order number's 3-7-7, nor a card with another number after it ("4547-4918-2711-0639 166").
  const seps = new Set(text.trim().match(/[ .-]/g) ?? []);
  const groups = text.trim().split(/[ .-]/).map((g) => g.length);
  if (seps.size > 1) return false;
  if (groups.length > 1 && !(groups.slice(0, -1).every((n) => n === 4) && [1, 3, 4].includes(groups.at(-1)!)) && !/^4,6,[45]$/.test(groups.join(','))) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// Every country of the SWIFT IBAN registry: a dashed or dotted IBAN is taken only at its country's length, so a
// country left out lost its dashed IBANs whole ("RS35-2600-0560-1001-6113-79").
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20,
  MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** ISO 13616 mod-97 check (and the country's length where known). */
export function ibanValid(text: string): boolean {
  const joined = /[.-]/.test(text);
  // One kind of joint: "DE89-3704.0044 …" is not how an IBAN is written.
  if (joined && new Set(text.match(/[\s.-]/g)).size > 1) return false;
  const iban = text.replace(/[\s.-]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  // Dashes and dots join many codes (part and order numbers); such a value is an IBAN only at its country's length.
  if (expected === undefined ? joined : iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Loopback and unspecified addresses identify no one. */
export function ipv4Sensitive(text: string): boolean {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) return false;
  if (parts[0] === 127 || parts.every((p) => p === 0)) return false;
  // A netmask (255.255.240.0) is a setting, not an address.
  const bits = parts.reduce((n, p) => n * 256 + p, 0).toString(2).padStart(32, '0');
  if (parts[0] === 255 && /^1+0*$/.test(bits)) return false;
  // A private network's router (192.168.1.1, 10.0.0.1, …) is the same in every home: it identifies no one.
  const isPrivate = parts[0] === 10 || (parts[0] === 192 && parts[1] === 168) || (parts[0] === 172 && parts[1]! >= 16 && parts[1]! <= 31);
  return !(isPrivate && (parts[3] === 1 || parts[3] === 254) && (parts[2] === 0 || parts[2] === 1));
}

export function ipv6Valid(text: string): boolean {
  if (!text.includes(':') || text === '::' || text === '::1') return false;
  if ((text.match(/:/g) ?? []).length < 2) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

export function ssnValid(text: string): boolean {
  const d = text.replace(/\D/g, '');
  if (d.length !== 9) return false;
  const area = d.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}

/** A word that could be a password: it holds a digit or a symbol ("hunter2", "p@ss"), not a plain word. */
export function hasDigitOrSymbol(text: string): boolean {
  return /[\d!@#$%^&*()_+={}[\]~?]/.test(text);
}

/** A generated key, not a word: letters and digits mixed, and no long run of one character class. */
export function looksRandom(text: string): boolean {
  if (!/\d/.test(text) || !/[A-Za-z]/.test(text)) return false;
  const distinct = new Set(text).size;
  return distinct >= Math.min(10, text.length / 2);
}

/**
 * Does the 4-digit group beside a grouped card continue its run? It does when
 * it is joined by the card's own separator and is not the end of a number of
 * another shape (the year of "15.03.2024", the hour of "14:32"): then the card
 * is a slice of a longer number, a tracking or serial number in 4-digit groups.
 */
function continuesRun(text: string, at: number, dir: -1 | 1, sep: string): boolean {
  if (text[dir < 0 ? at - 1 : at] !== sep) return false;
  const groupStart = dir < 0 ? at - 5 : at + 1;
  if (groupStart < 0 || !/^\d{4}$/.test(text.slice(groupStart, groupStart + 4))) return false;
  const far = dir < 0 ? groupStart - 1 : groupStart + 4;
  const c = text[far];
  if (c === undefined || c === sep) return true;
  if (/\d/.test(c)) return false; // a longer group: a number of its own
  // Another separator with a digit beyond it: the group ends a date, a time or a decimal.
  return !(/[.,:/-]/.test(c) && /\d/.test(text[far + dir] ?? ''));
}

/**
 * A card in 4-digit groups is its whole run of 4-digit groups: with such a
 * group joined on either side it is part of a longer number, and a window of
 * that number passing Luhn is chance (one in ten). Ungrouped or 4-6-5 cards
 * stand apart from their neighbours already.
 */
export function cardStandsAlone(text: string, start: number, end: number): boolean {
  const value = text.slice(start, end);
  // Joined by a dash or dot to another number ("12-4111…", "…1111-2024"): a piece of that number, unless the joint
  // is the card's own and the number is its run of 4-digit groups (a list of cards written "4111-…-1111-5500-…").
  const gluedBefore = /[.-]/.test(text[start - 1] ?? '') && /\d/.test(text[start - 2] ?? '');
  const dashAfter = text[end] === '-' && /\d/.test(text[end + 1] ?? '');
  const m = /^\d{4}([ .-])\d{4}(?:\1\d{4})*\1\d{1,4}$/.exec(value);
  if (!m) return !gluedBefore && !dashAfter;
  // A card written in groups is glued after it only to another 4-digit group: an expiry or a code after a dash
  // ("4111-1111-1111-1111-12/25", "5500 0000 0000 0004-123") is no group of a longer number, as "… 1111 12" is not.
  const gluedAfter = dashAfter && /^-\d{4}(?!\d)/.test(text.slice(end, end + 6));
  const sep = m[1]!;
  const before = continuesRun(text, start, -1, sep);
  const after = continuesRun(text, end, 1, sep);
  if ((gluedBefore && !before) || (gluedAfter && !after)) return false;
  if (!before && !after) return true;
  return oneOfCardsInRun(text, start, end, sep);
}

/**
 * Cards listed one after another with only the separator between ("4111 1111 1111 1111 5500 0055 5555 5559"):
 * a run of whole 4-digit groups that splits into 16-digit windows, each passing Luhn, is that many cards, and
 * `start`..`end` is one of those windows. Each window passing by chance is one in ten, all of them 1 in 10^n: a
 * serial number in 4-digit groups stays one number. Before, both cards of such a list were kept whole.
 */
function oneOfCardsInRun(text: string, start: number, end: number, sep: string): boolean {
  if (end - start !== 19) return false;
  const run = runOfGroups(text, start, end, sep);
  return run.cards && (start - run.from) % 20 === 0;
}

/** A run of 4-digit groups: where it lies, and whether it splits into cards (see oneOfCardsInRun). */
interface GroupRun { text: string; sep: string; from: number; to: number; cards: boolean }
// The run last measured. The card pattern asks about each window of a run in turn, and measuring the whole run
// for each made a page listing 10,000 cards quadratic (200 KB of them: 3.5 minutes).
let lastRun: GroupRun | null = null;

function runOfGroups(text: string, start: number, end: number, sep: string): GroupRun {
  const known = lastRun;
  if (known && known.text === text && known.sep === sep && start >= known.from && end <= known.to) return known;
  let from = start;
  while (from >= 5 && text[from - 1] === sep && /^\d{4}$/.test(text.slice(from - 5, from - 1))) from -= 5;
  let to = end;
  while (text[to] === sep && /^\d{4}$/.test(text.slice(to + 1, to + 5))) to += 5;
  const run: GroupRun = { text, sep, from, to, cards: runIsCards(text, from, to, sep) };
  lastRun = run;
  return run;
}

function runIsCards(text: string, from: number, to: number, sep: string): boolean {
  // The run is whole groups only: a digit glued at either end makes it a number of its own.
  if (/\d/.test(text[from - 1] ?? '') || /\d/.test(text[to] ?? '')) return false;
  // Nor a shorter group beside it: "… 5559 12" is a longer number's tail.
  if ((text[from - 1] === sep && /\d/.test(text[from - 2] ?? '')) || (text[to] === sep && /\d/.test(text[to + 1] ?? ''))) return false;
  if ((to - from + 1) % 20 !== 0) return false;
  for (let at = from; at < to; at += 20) if (!luhnValid(text.slice(at, at + 19))) return false;
  return true;
}
