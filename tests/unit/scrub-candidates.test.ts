// Issue 23, part 2: values found as candidates, then validated, wherever they
// start. A card, an IBAN, a phone or an ID right beside another number must be
// found whole, and the number beside it kept; numbers that only look like
// them (versions, ISBNs, tracking numbers, timestamps, counts) stay whole.
// Scrubbed through createScrubber with the shipped config and entity
// recogniser, as the extension and the CLI do.
import { describe, expect, it } from 'vitest';
import { aloneEach, expectGone as expectGoneOf, goneEach, scrubber, type GoneRow } from './recognizers/scrubbed';

/** Every digit group of a value counts from two digits here ("45" of "123-45-6789"). */
const GROUPS = { group: 2 };
const expectGone = (text: string, value: string, kept: GoneRow[2]): void => expectGoneOf(text, value, kept, GROUPS);

describe('a value right beside other numbers is found, and its neighbours kept', () => {
  goneEach([
    // cards after a date, a row number, a quantity, and between numbers on both sides
    ['15.03.2024 4111 1111 1111 1111', '4111 1111 1111 1111', ['15.03.2024']],
    ['#1 4111 1111 1111 1111', '4111 1111 1111 1111', ['#1 ']],
    ['Qty 1 4111111111111111', '4111111111111111', ['Qty 1 ']],
    ['Ref 20 4111 1111 1111 1111 77', '4111 1111 1111 1111', ['Ref 20 ', ' 77']],
    ['3 5500-0000-0000-0004 12', '5500-0000-0000-0004', ['3 ', ' 12']],
    ['2024-03-15 378282246310005 x2', '378282246310005', ['2024-03-15 ', ' x2']],
    ['10/03/2024 3782 822463 10005', '3782 822463 10005', ['10/03/2024 ']],
    // a card with another number after it: the number is not part of the card
    ['71217 4547-4918-2711-0639 166', '4547-4918-2711-0639', ['71217 ', ' 166']],
    ['59046 5543 0339 6147 8702 6', '5543 0339 6147 8702', ['59046 ', ' 6']],
    ['5514645247939408 10/25 543', '5514645247939408', [' 10/25 543']],
    // an IBAN after a reference that starts like one
    ['Rechnung RE12 DE89 3704 0044 0532 0130 00', 'DE89 3704 0044 0532 0130 00', ['Rechnung RE12 ']],
    // phones after an order number or a row number
    ['Order 12345678 415-555-2671', '415-555-2671', ['Order 12345678 ']],
    ['Order 98765432 030 1234 5678', '030 1234 5678', ['Order 98765432 ']],
    ['#12 030 1234 5678', '030 1234 5678', ['#12 ']],
    // an ID beside a quantity, a year or a date keeps them
    ['Qty 1 123-45-6789', '123-45-6789', ['Qty 1 ']],
    ['Passport No: X12345678 issued 2019', 'X12345678', ['Passport No: ', ' issued 2019']],
    ['Personalausweis: L01X00T47 gültig bis 2030', 'L01X00T47', [' gültig bis 2030']],
    ['Steuer-ID 12345678901 2024', '12345678901', ['Steuer-ID ', ' 2024']],
  ], GROUPS);
});

describe('numbers that only look like one stay whole', () => {
  aloneEach([
    'Version 4.2.1.7',
    'Firmware: 2.10.3.44',
    'Build 10.0.19045.3803 installed',
    'ISBN 978-3-16-148410-0',
    'ISBN 0-306-40615-2',
    'Updated 2024-05-17 14:32',
    '17.05.2024 14:32:05 Uhr',
    'Dep 14:32 Arr 16:05 Platform 7 Train 4417',
    'FedEx 7749 1234 5678',
    // USPS-shaped tracking numbers: 4-digit groups beyond a card's 16 digits; the first 16 (then the middle 16) pass Luhn
    'Tracking 9400 9172 9118 2451 6811 11',
    'Tracking 9400 3830 2994 7901 3128 87',
    'Order 123-4567890-1234567',
    'Order #123456789012 · 3 items',
    '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16',
    '1 234 567 890 123 views',
    '15.03.2024 16.03.2024 17.03.2024',
    'Qty 2 × 12.99 = 25.98',
  ], '%s');
});

describe('a selector naming an element by a CSS-escaped id', () => {
  // CSS escapes a leading digit in an id: #\34 111… is the id "4111…".
  it('is checked on the id it names', () => {
    expectGone('#\\34 111111111111111', '111111111111111', ['#']);
    expectGone('\\34 111111111111111', '111111111111111', []);
    expectGone('form > button#\\34 111111111111111.primary', '111111111111111', ['form > button#', '.primary']);
  });
  it('keeps escaped ids that hold nothing', () => {
    for (const s of ['#\\31 23-main', '.col-\\32 xl', 'a[href="\\2f home"]']) expect(scrubber.redact(s).text).toBe(s);
  });
});
