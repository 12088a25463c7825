// A third evaluation set for the privacy filter, built a third way: texts shaped after the structures of real
// pages (form labels, tables, chat transcripts, e-mail headers, address blocks in 16 countries' formats, profile
// and social pages, support tickets, shipping labels, ID forms in 12 languages, prose notes), filled from a small
// seeded generator with its own hand-written lists of names, streets, cities, companies and handles. Neither the
// lists nor the generator come from faker or from the scrubber's lexicons (src/core/scrub/*.json, cues.ts): the
// project's own corpus (privacy-corpus.mjs) draws from faker, which the shipped name lexicon was built from. Real
// names overlap, of course; `lexiconOverlap()` says how many of these names the lexicon knows.
//
// Hard negatives are whole page fragments that hold nothing personal but look as if they might: a product
// catalogue (street- and person-named products, title-cased product names, remastered albums), release notes
// (versions with four parts, build numbers, dates), timetables (times, platforms, train numbers, stations), a
// bookshop page (ISBNs, titles, formats), project fields ("Orbital survey"), tracking numbers and timestamps.
//
// Every value is labelled with its exact characters. Items are split in halves by a hash of their id: rule work
// reads only the tune half (`node --import tsx bench/privacy-tune.mjs --set pages`), the bench reports the test half.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv } from './privacy-corpus.mjs';
import { Doc } from './labelled-doc.mjs';

/** mulberry32: a small seeded generator, so the set is the same on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const digits = (n) => Array.from({ length: n }, () => String(int(0, 9))).join('');
  const upper = (n, set = 'ABCDEFGHJKLMNPRSTUVWXYZ') => Array.from({ length: n }, () => pick(set)).join('');
  const chance = (p) => next() < p;
  return { next, int, pick, digits, upper, chance };
}

// ---- Values, per country. Hand-written for this set. ----
// (names, streets, cities with their postcodes, companies and legal forms, the country line: privacy-pages-values.json)
const COUNTRIES = JSON.parse(readFileSync(join(import.meta.dirname, 'privacy-pages-values.json'), 'utf8'));
const KEYS = Object.keys(COUNTRIES);

/** An address block as the country writes it: lines of its own; returns the street-to-postcode part and a country line. */
function addressBlock(r, key) {
  const c = COUNTRIES[key];
  const street = r.pick(c.streets);
  const city = r.pick(c.cities);
  const n = String(r.int(1, 240));
  const nr = r.chance(0.2) ? `${n}${r.pick(['a', 'b', 'B'])}` : n;
  switch (key) {
    case 'us': return `${nr} ${street}${r.chance(0.3) ? ` Apt ${r.int(1, 40)}` : ''}\n${city[0]}, ${city[1]} ${city[2]}`;
    case 'uk': return `${r.chance(0.3) ? `Flat ${r.int(1, 9)}, ` : ''}${nr} ${street}\n${city[0]}\n${city[1]}`;
    case 'ie': return `${nr} ${street}\n${city[0]}\n${city[1]} ${city[2]}`;
    case 'de': case 'at': case 'ch': return `${street} ${nr}${key === 'at' && r.chance(0.5) ? `/${r.int(1, 9)}` : ''}\n${city[1]} ${city[0]}`;
    case 'fr': return `${nr}${r.chance(0.2) ? ' bis' : ''}, ${street}\n${city[1]} ${city[0]}`;
    case 'es': return `${street} ${nr}${r.chance(0.5) ? `, ${r.int(1, 8)}º ${r.pick(['A', 'B', 'C', 'izda.', 'dcha.'])}` : ''}\n${city[1]} ${city[0]}`;
    case 'it': return `${street} ${nr}\n${city[1]} ${city[0]} ${city[2]}`;
    case 'nl': return `${street} ${nr}${r.chance(0.3) ? `-${r.pick(['A', 'H', '2'])}` : ''}\n${city[1]} ${city[0]}`;
    case 'pl': return `${street} ${nr}${r.chance(0.5) ? ` m. ${r.int(1, 60)}` : ''}\n${city[1]} ${city[0]}`;
    case 'se': case 'fi': return `${street} ${nr}${key === 'fi' && r.chance(0.5) ? ` ${r.pick(['A', 'B', 'C'])} ${r.int(1, 40)}` : ''}\n${city[1]} ${city[0]}`;
    case 'cz': return `${street} ${r.int(100, 2999)}/${nr}\n${city[1]} ${city[0]}`;
    case 'pt': return `${street} ${nr}${r.chance(0.5) ? `, ${r.int(1, 6)}.º ${r.pick(['Esq.', 'Dto.'])}` : ''}\n${city[1]} ${city[0]}`;
    case 'br': return `${street}, ${nr}${r.chance(0.5) ? ` - Apto ${r.int(11, 184)}` : ''}\n${city[0]} - ${city[1]}\n${city[2]}`;
    case 'jp': return `${r.int(1, 4)}-${r.int(1, 30)}-${r.int(1, 20)} ${street}\n${city[0]} ${city[1]}`;
    case 'au': return `${r.chance(0.3) ? `Unit ${r.int(1, 20)}, ` : ''}${nr} ${street}\n${city[0]} ${city[1]} ${city[2]}`;
    case 'tr': return `${street} No: ${nr}${r.chance(0.5) ? ` D: ${r.int(1, 20)}` : ''}\n${city[1]} ${city[0]}`;
    case 'ca': return `${nr} ${street}\n${city[0]} ${city[1]} ${city[2]}`;
    case 'in': return `Flat ${r.int(101, 904)}, ${street}\n${city[0]} ${city[1]}`;
    default: throw new Error(key);
  }
}
/** The same address on one line, as forms and prose write it. */
const oneLine = (block) => block.split('\n').join(', ');

const person = (r, c) => `${r.pick(c.first)} ${r.pick(c.last)}`;
const company = (r, c) => `${r.pick(c.companies)} ${r.pick(c.suffixes)}`;
const city = (r, c) => r.pick(c.cities)[0].replace(/^.*, /, '').replace(/\/.*$/, '').replace(/ \d+$/, '');

const HANDLE_PARTS = ['dune', 'quark', 'mossy', 'lantern', 'vireo', 'pixel', 'ferro', 'kelp', 'orbit', 'tundra', 'sprocket', 'marlin', 'cobalt', 'juniper', 'nimbus', 'wren'];
function handle(r, c) {
  const first = r.pick(c.first).toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
  const last = r.pick(c.last).toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
  return r.pick([
    () => `${first}.${last}`, () => `${first}_${r.digits(2)}`, () => `${r.pick(HANDLE_PARTS)}_${r.pick(HANDLE_PARTS)}`,
    () => `${first[0]}${last}${r.int(1, 99)}`, () => `${r.pick(HANDLE_PARTS)}${r.pick(HANDLE_PARTS)}${r.digits(3)}`, () => `${last}-${first[0]}`,
  ])();
}

/** A card number of a network's length that passes the Luhn check. */
function card(r) {
  const [prefix, len] = r.pick([['4', 16], ['51', 16], ['55', 16], ['2221', 16], ['34', 15], ['37', 15], ['6011', 16]]);
  const ds = [...prefix].map(Number);
  while (ds.length < len - 1) ds.push(r.int(0, 9));
  let sum = 0;
  for (let i = 0; i < len - 1; i++) {
    let d = ds[len - 2 - i];
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  ds.push((10 - (sum % 10)) % 10);
  const s = ds.join('');
  const sep = r.pick([' ', '', '-']);
  return len === 15 ? [s.slice(0, 4), s.slice(4, 10), s.slice(10)].join(sep) : s.match(/.{4}/g).join(sep);
}
function iban(r, cc) {
  const lengths = { DE: 18, FR: 23, ES: 20, IT: 23, NL: 14, PL: 24, SE: 20, FI: 14, PT: 21, AT: 16, CH: 17, GB: 18, IE: 18, CZ: 20, TR: 22, BR: 25 };
  const n = lengths[cc] ?? 18;
  let bban = '';
  for (let i = 0; i < n; i++) bban += (cc === 'NL' || cc === 'GB' || cc === 'IE') && i < 4 ? r.upper(1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') : String(r.int(0, 9));
  const num = (bban + cc + '00').replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let mod = 0;
  for (const ch of num) mod = (mod * 10 + Number(ch)) % 97;
  const check = String(98 - mod).padStart(2, '0');
  const raw = `${cc}${check}${bban}`;
  return r.chance(0.5) ? raw.match(/.{1,4}/g).join(' ') : raw;
}
const PHONES = {
  us: (r) => r.pick([`(${r.int(201, 989)}) ${r.int(200, 999)}-${r.digits(4)}`, `+1 ${r.int(201, 989)} ${r.int(200, 999)} ${r.digits(4)}`]),
  uk: (r) => r.pick([`07${r.int(400, 999)} ${r.digits(6)}`, `+44 20 ${r.int(7000, 8999)} ${r.digits(4)}`]),
  ie: (r) => `+353 8${r.int(3, 9)} ${r.digits(3)} ${r.digits(4)}`,
  de: (r) => r.pick([`0${r.int(151, 179)} ${r.digits(7)}`, `+49 30 ${r.digits(8)}`, `(0341) ${r.digits(6)}`]),
  at: (r) => `+43 664 ${r.digits(7)}`,
  ch: (r) => `+41 7${r.int(6, 9)} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
  fr: (r) => r.pick([`06 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`, `+33 1 ${r.digits(2)} ${r.digits(2)} ${r.digits(2)} ${r.digits(2)}`]),
  es: (r) => r.pick([`6${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`, `+34 91 ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`]),
  it: (r) => r.pick([`3${r.int(20, 49)} ${r.digits(3)} ${r.digits(4)}`, `+39 051 ${r.digits(6)}`]),
  nl: (r) => r.pick([`06-${r.digits(8)}`, `+31 20 ${r.digits(3)} ${r.digits(4)}`]),
  pl: (r) => `+48 ${r.int(500, 799)} ${r.digits(3)} ${r.digits(3)}`,
  se: (r) => r.pick([`07${r.int(0, 9)}-${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`, `+46 8 ${r.digits(3)} ${r.digits(3)} ${r.digits(2)}`]),
  fi: (r) => `+358 40 ${r.digits(3)} ${r.digits(4)}`,
  cz: (r) => `+420 ${r.int(601, 799)} ${r.digits(3)} ${r.digits(3)}`,
  pt: (r) => `+351 91${r.int(0, 9)} ${r.digits(3)} ${r.digits(3)}`,
  br: (r) => r.pick([`(11) 9${r.digits(4)}-${r.digits(4)}`, `+55 41 9${r.digits(4)}-${r.digits(4)}`]),
  jp: (r) => r.pick([`090-${r.digits(4)}-${r.digits(4)}`, `+81 3-${r.digits(4)}-${r.digits(4)}`]),
  au: (r) => r.pick([`04${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`, `+61 3 ${r.digits(4)} ${r.digits(4)}`]),
  tr: (r) => `+90 5${r.int(30, 59)} ${r.digits(3)} ${r.digits(2)} ${r.digits(2)}`,
  ca: (r) => `+1 ${r.pick(['514', '416', '780', '902'])} ${r.int(200, 999)} ${r.digits(4)}`,
  in: (r) => `+91 ${r.int(70000, 99999)} ${r.digits(5)}`,
};
const MAIL_DOMAINS = ['posteo.de', 'fastmail.fm', 'proton.me', 'gmx.at', 'libero.it', 'orange.fr', 'outlook.com', 'seznam.cz', 'wp.pl', 'telia.se', 'uol.com.br', 'yahoo.co.jp'];
const email = (r, name) => `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').trim().replace(/ +/g, r.pick(['.', '_', '']))}${r.chance(0.3) ? r.digits(2) : ''}@${r.pick(MAIL_DOMAINS)}`;

/** A passport or national ID with its label in the country's language: [label, value]. */
function document(r, key) {
  const d = r.digits;
  const A = (n) => r.upper(n);
  const byCountry = {
    us: [['Passport No.: ', d(9)], ['SSN: ', `${r.int(100, 665)}-${d(2)}-${d(4)}`], ["Driver's license #: ", `${A(1)}${d(7)}`]],
    uk: [['Passport number: ', d(9)], ['National Insurance number: ', `${A(2)} ${d(2)} ${d(2)} ${d(2)} ${r.pick(['A', 'B', 'C', 'D'])}`]],
    ie: [['PPS number: ', `${d(7)}${A(2)}`], ['Passport No: ', `${A(2)}${d(7)}`]],
    de: [['Reisepassnummer: ', `C${A(1)}${d(2)}${A(1)}${d(4)}`], ['Personalausweisnummer: ', `L${d(2)}${A(1)}${d(2)}${A(1)}${d(2)}`], ['Steuer-IdNr.: ', `${d(2)} ${d(3)} ${d(3)} ${d(3)}`]],
    at: [['Reisepass Nr. ', `P${d(7)}`]],
    ch: [['AHV-Nr.: ', `756.${d(4)}.${d(4)}.${d(2)}`]],
    fr: [['N° de passeport : ', `${d(2)}${A(2)}${d(5)}`], ['N° de sécurité sociale : ', `${r.int(1, 2)} ${d(2)} ${d(2)} ${d(2)} ${d(3)} ${d(3)} ${d(2)}`]],
    es: [['DNI: ', `${d(8)}${A(1)}`], ['NIE: ', `X${d(7)}${A(1)}`], ['Número de pasaporte: ', `${A(3)}${d(6)}`]],
    it: [['Codice fiscale: ', `${A(6)}${d(2)}${A(1)}${d(2)}${A(1)}${d(3)}${A(1)}`], ['Numero passaporto: ', `Y${A(1)}${d(7)}`]],
    nl: [['BSN: ', d(9)], ['Paspoortnummer: ', `N${A(1)}${d(1)}${A(2)}${d(1)}${A(1)}${d(2)}`]],
    pl: [['PESEL: ', d(11)], ['Numer paszportu: ', `${A(2)}${d(7)}`], ['Nr dowodu osobistego: ', `${A(3)}${d(6)}`]],
    se: [['Personnummer: ', `${d(6)}-${d(4)}`], ['Passnummer: ', d(8)]],
    fi: [['Henkilötunnus: ', `${d(6)}-${d(3)}${A(1)}`], ['Passin numero: ', `FP${d(7)}`]],
    cz: [['Rodné číslo: ', `${d(6)}/${d(4)}`], ['Číslo pasu: ', d(8)], ['Číslo OP: ', d(9)]],
    pt: [['Cartão de Cidadão n.º ', `${d(8)} ${d(1)} ${A(2)}${d(1)}`], ['NIF: ', d(9)]],
    br: [['CPF: ', `${d(3)}.${d(3)}.${d(3)}-${d(2)}`], ['RG: ', `${d(2)}.${d(3)}.${d(3)}-${d(1)}`], ['Passaporte nº ', `${A(2)}${d(6)}`]],
    jp: [['Passport No. ', `T${A(1)}${d(7)}`], ['My Number: ', `${d(4)} ${d(4)} ${d(4)}`]],
    au: [['Passport number: ', `${A(1)}${d(7)}`], ['TFN: ', `${d(3)} ${d(3)} ${d(3)}`], ['Medicare card: ', `${d(4)} ${d(5)} ${d(1)}`]],
    tr: [['T.C. Kimlik No: ', d(11)], ['Pasaport No: ', `U${d(8)}`]],
    ca: [['SIN: ', `${d(3)} ${d(3)} ${d(3)}`], ['Passport No.: ', `${A(2)}${d(6)}`]],
    in: [['Aadhaar: ', `${d(4)} ${d(4)} ${d(4)}`], ['PAN: ', `${A(5)}${d(4)}${A(1)}`], ['Passport No: ', `${A(1)}${d(7)}`]],
  };
  return r.pick(byCountry[key]);
}

const PLATFORMS = [
  ['GitHub: ', ''], ['github.com/', ''], ['Twitter: @', ''], ['X (Twitter): @', ''], ['Discord: ', ''], ['Telegram: @', ''], ['Instagram: @', ''],
  ['Steam ID: ', ''], ['Skype: ', ''], ['on GitHub as ', ''], ['Find me on Discord as ', ''], ['my Telegram is @', ''], ['Mastodon: @', '@mastodon.social'],
  ['Slack handle: @', ''], ['Reddit: u/', ''], ['Twitch: ', ''], ['LinkedIn: linkedin.com/in/', ''], ['GitLab user ', ''], ['Keybase: ', ''],
];


const TIME = (r) => `${String(r.int(7, 22)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
const DATE = (r) => `${r.int(2023, 2026)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
const dob = (r) => r.pick([
  () => `${String(r.int(1, 28)).padStart(2, '0')}.${String(r.int(1, 12)).padStart(2, '0')}.${r.int(1950, 2004)}`,
  () => `${r.int(1950, 2004)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  () => `${r.int(1, 28)} ${r.pick(['March', 'July', 'October', 'January'])} ${r.int(1950, 2004)}`,
])();

// ---- Positive shapes: each returns a Doc. `c` is the country, `key` its code. ----
const SHAPES = {
  addressBlock(r, c, key) {
    const d = new Doc();
    if (r.chance(0.5)) d.say(r.pick(['Ship to:\n', 'Delivery address\n', 'Billing address:\n', 'Lieferadresse\n', 'Adresse de livraison\n', 'Dirección de envío\n', '']));
    d.mark('person', person(r, c)).say('\n');
    if (r.chance(0.3)) d.mark('organization', company(r, c)).say('\n');
    d.mark('address', addressBlock(r, key));
    if (r.chance(0.6)) d.say(`\n${c.country}`);
    if (r.chance(0.5)) d.say('\nPhone: ').mark('phone', PHONES[key](r));
    return d;
  },
  formLabels(r, c, key) {
    const name = person(r, c);
    const d = new Doc().say('Full name: ').mark('person', name).say('\nEmail: ').mark('email', email(r, name)).say('\nDate of birth: ').mark('birth_date', dob(r));
    const [label, value] = document(r, key);
    d.say(`\n${label}`).mark('id_number', value);
    if (r.chance(0.5)) d.say('\nStreet address: ').mark('address', oneLine(addressBlock(r, key)));
    return d;
  },
  customerTable(r, c, key) {
    const sep = r.pick(['\t', ' | ']);
    const d = new Doc().say(['Customer', 'City', 'Company', 'Phone'].join(sep)).say('\n');
    for (let i = 0; i < 2; i++) {
      d.mark('person', person(r, c)).say(sep).mark('place', city(r, c)).say(sep).mark('organization', company(r, c)).say(sep).mark('phone', PHONES[key](r)).say('\n');
    }
    return d;
  },
  chatTranscript(r, c, key) {
    const a = r.pick(c.first);
    const b = r.pick(c.first);
    const d = new Doc().say(`[${TIME(r)}] `).mark('person', a).say(': ').say(r.pick(['hey, are you around?', 'quick one about the invoice', 'morning!'])).say(`\n[${TIME(r)}] `).mark('person', b).say(': ');
    r.pick([
      () => d.say("I'm in ").mark('place', city(r, c)).say(' until Friday, back on Monday'),
      () => d.say('ask ').mark('person', person(r, c)).say(', she handled it last week'),
      () => d.say('my number changed, it is ').mark('phone', PHONES[key](r)).say(' now'),
      () => d.say('send it to ').mark('email', email(r, person(r, c))).say(' please'),
      () => d.say("I'm ").mark('username', handle(r, c)).say(' on Discord, ping me there'),
    ])();
    return d;
  },
  emailHeaders(r, c) {
    const from = person(r, c);
    const to = person(r, c);
    const d = new Doc().say('From: ').mark('person', from).say(' <').mark('email', email(r, from)).say('>\nTo: ').mark('person', to).say(' <').mark('email', email(r, to)).say(`>\nDate: ${DATE(r)} ${TIME(r)}\nSubject: ${r.pick(['Re: contract renewal', 'Fwd: site visit', 'Your order', 'Quarterly figures'])}\n\n`);
    d.say(`${r.pick(['Hi', 'Dear', 'Hello', 'Hallo', 'Bonjour', 'Hej'])} `).mark('person', to.split(' ')[0]).say(',\n');
    if (r.chance(0.5)) d.say('Best regards,\n').mark('person', from).say('\n').mark('organization', company(r, c));
    else d.say(`see you in `).mark('place', city(r, c)).say(` on ${r.pick(['Tuesday', 'the 14th', 'Monday'])}.`);
    return d;
  },
  proseNote(r, c) {
    return r.pick([
      () => new Doc().mark('person', person(r, c)).say(' joined ').mark('organization', company(r, c)).say(` as ${r.pick(['head of finance', 'a data engineer', 'counsel'])} in ${r.int(2015, 2024)}.`),
      () => new Doc().say('Meeting with ').mark('person', person(r, c)).say(' at the ').mark('organization', company(r, c)).say(' office in ').mark('place', city(r, c)).say('.'),
      () => new Doc().mark('person', r.pick(c.first)).say(r.pick([' will cover the morning shift.', ' is out sick today.', " can't make it on Thursday.", ' asked for the slides again.'])),
      () => new Doc().say('We moved from ').mark('place', city(r, c)).say(' to ').mark('place', city(r, c)).say(' last spring.'),
      () => new Doc().say('Invoice issued by ').mark('organization', company(r, c)).say(`, due ${DATE(r)}.`),
      () => new Doc().say('Thanks to ').mark('person', person(r, c)).say(' for the review.'),
      () => new Doc().say('The contract with ').mark('organization', company(r, c)).say(' ends in March; ').mark('person', r.pick(c.first)).say(' will renew it.'),
      () => new Doc().say('Our supplier ').mark('organization', company(r, c)).say(' is based in ').mark('place', city(r, c)).say('.'),
    ])();
  },
  social(r, c) {
    const [label, tail] = r.pick(PLATFORMS);
    const h = handle(r, c);
    const d = new Doc().mark('person', person(r, c)).say(r.pick([' · ', '\n', ' — ']));
    d.say(label).mark('username', h);
    if (tail) d.say(tail);
    return d;
  },
  supportTicket(r, c) {
    const name = person(r, c);
    const d = new Doc().say(`Ticket #${r.digits(6)} · opened ${DATE(r)} ${TIME(r)}\nRequester: `).mark('person', name).say('\nAccount: ').mark('email', email(r, name))
      .say(`\nLast login from `).mark('ip', `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`).say('\nCard on file: ').mark('card', card(r));
    return d;
  },
  shippingLabel(r, c, key) {
    const d = new Doc().say(`SHIP TO\n`).mark('person', person(r, c).toUpperCase()).say('\n').mark('address', addressBlock(r, key).toUpperCase()).say(`\n${c.country.toUpperCase()}\nTRACKING 1Z${r.upper(3, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')}${r.digits(13)}`);
    return d;
  },
  paymentForm(r, c, key) {
    const name = person(r, c);
    const cc = { us: 'DE', uk: 'GB', ie: 'IE', de: 'DE', at: 'AT', ch: 'CH', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', pl: 'PL', se: 'SE', fi: 'FI', cz: 'CZ', pt: 'PT', br: 'BR', jp: 'DE', au: 'GB', tr: 'TR', ca: 'FR', in: 'GB' }[key];
    return new Doc().say('Account holder: ').mark('person', name).say('\nIBAN: ').mark('iban', iban(r, cc)).say(`\nAmount: ${r.int(10, 900)},${r.digits(2)} EUR\nReference: INV-${r.digits(6)}`);
  },
  idForm(r, c, key) {
    const d = new Doc();
    const [label, value] = document(r, key);
    const name = person(r, c);
    d.say(r.pick(['Holder: ', 'Name: ', 'Titular: ', 'Inhaber: ', 'Titulaire : '])).mark('person', name).say('\n').say(label).mark('id_number', value);
    if (r.chance(0.5)) d.say(`\nValid until ${r.int(2026, 2034)}`);
    return d;
  },
  crmRow(r, c, key) {
    const name = person(r, c);
    return new Doc().mark('person', name).say(` (${r.pick(['CFO', 'Procurement', 'CTO', 'Buyer'])}, `).mark('organization', company(r, c)).say(') — ').mark('place', city(r, c)).say(' — ').mark('phone', PHONES[key](r));
  },
  signature(r, c, key) {
    const name = person(r, c);
    return new Doc().say('--\n').mark('person', name).say(`\n${r.pick(['Account Manager', 'Head of Operations', 'Senior Counsel', 'Lead Designer'])}\n`).mark('organization', company(r, c)).say('\n').mark('address', oneLine(addressBlock(r, key)))
      .say('\nM ').mark('phone', PHONES[key](r));
  },
  logLine(r) {
    const user = `${r.pick(HANDLE_PARTS)}${r.pick(['', '.', '_'])}${r.pick(HANDLE_PARTS)}`;
    return r.pick([
      () => new Doc().say(`${DATE(r)}T${TIME(r)}:${r.digits(2)}Z sshd[${r.digits(4)}]: Accepted publickey for `).mark('username', user).say(' from ').mark('ip', `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`).say(` port ${r.int(30000, 65000)}`),
      () => new Doc().say(`GET /account/verify?lang=en&token=`).mark('url_secret', r.upper(32, 'abcdefghijkmnopqrstuvwxyz0123456789')).say(' 200'),
      () => new Doc().say('Reset link: https://accounts.example.org/reset#/confirm?code=').mark('url_secret', r.upper(24, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789')),
      () => new Doc().say('export GITHUB_TOKEN=').mark('secret', `ghp_${r.upper(36, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`),
    ])();
  },
};

// ---- Hard negatives: page fragments with nothing personal. ----
const CATALOGUE = [
  'Park Avenue sofa, 3-seater, velvet', 'Jordan 1 Retro High OG', 'Lazy Susan turntable, bamboo', 'Abbey Road (Remastered 2019)', 'Chesterfield armchair, oxblood leather',
  'Windsor dining chair', 'Oxford button-down shirt', 'Chelsea boots, suede', 'Brooklyn loft pendant lamp', 'Victoria plum jam, 340 g', 'Hamburg steak, frozen (4 pack)',
  'Boston fern in ceramic pot', 'Adirondack chair, teak', 'Tiffany-style desk lamp', 'Montgomery wool coat', 'Savile Row tie, silk', 'Portland stoneware mug',
  'Billy Joel: The Stranger (Legacy Edition)', 'Kind of Blue (Remastered)', 'Air Max 90 Essential', 'Carrera 911 scale model 1:18', 'Madeleine baking tray',
  'Wellington boots, kids', 'Stanley 1913 thermos', 'Jack Russell plush toy', 'Earl Grey Supreme, 250 g', 'Marco Polo tea tin', 'Jamie Oliver knife set',
];
const NEGATIVE_SHAPES = {
  catalogue(r) {
    const lines = [];
    for (let i = 0; i < 3; i++) lines.push(`${r.pick(CATALOGUE)}\t${r.pick(['$', '€', '£'])}${r.int(9, 1499)}.${r.pick(['00', '99', '50'])}\tSKU ${r.upper(3)}-${r.digits(5)}\t${r.pick(['In stock', 'Only 2 left', 'Ships in 3–5 days'])}`);
    return `Product\tPrice\tSKU\tAvailability\n${lines.join('\n')}`;
  },
  productCard(r) {
    return `${r.pick(CATALOGUE)}\n${r.pick(['★★★★☆', '★★★★★'])} (${r.int(3, 2400)} reviews)\n${r.pick(['$', '€'])}${r.int(19, 899)}.99 · Free delivery ${r.pick(['Tue', 'Thu', 'Sat'])}, ${r.int(2, 28)} ${r.pick(['May', 'June', 'Nov'])}`;
  },
  releaseNotes(r) {
    const v = `${r.int(1, 12)}.${r.int(0, 20)}.${r.int(0, 9)}${r.chance(0.5) ? `.${r.int(1, 99)}` : ''}`;
    return `Release ${v} (${DATE(r)})\n- Fixed a crash when opening large projects (#${r.int(1000, 9999)})\n- Updated OpenSSL to 3.${r.int(0, 3)}.${r.int(0, 15)}\n- Build ${r.int(10, 22)}.0.${r.int(10000, 26000)}.${r.int(100, 5000)}\n- Dropped support for macOS ${r.int(10, 12)}`;
  },
  changelog(r) {
    return `## [${r.int(0, 5)}.${r.int(0, 30)}.${r.int(0, 9)}] - ${DATE(r)}\n### Changed\n- Faster startup on Windows Server 2019\n- The Export dialog remembers the last folder\n### Fixed\n- Timestamps like ${DATE(r)} ${TIME(r)} now keep their seconds`;
  },
  timetable(r) {
    const rows = [];
    for (let i = 0; i < 3; i++) rows.push(`${TIME(r)}\t${r.pick(['RE 4', 'S1', 'IC 2023', 'ICE 578', 'RB 33', 'TER 86412'])}\t${r.pick(['Airport', 'Central Station', 'Hauptbahnhof', 'Harbour', 'University', 'Old Town'])}\tPlatform ${r.int(1, 14)}${r.chance(0.3) ? `\t+${r.int(2, 25)} min` : ''}`);
    return `Departures\nTime\tService\tTo\tPlatform\n${rows.join('\n')}`;
  },
  busTimes(r) {
    return `Line ${r.int(1, 99)} to Old Town: every ${r.pick([10, 15, 20])} min, first ${TIME(r)}, last ${TIME(r)}. Next departure from stop ${r.pick(['A', 'B', 'C'])}${r.int(1, 9)} in ${r.int(1, 14)} min.`;
  },
  bookshop(r) {
    const title = r.pick(['The Glass Orchard', 'A History of Salt', 'Northern Lights Over Quiet Water', 'The Cartographer\'s Daughter', 'Small Engines of the Sea', 'Winter in the Orchard House']);
    return `${title}\nPaperback · ${r.int(180, 640)} pages · ISBN 978-${r.int(0, 1)}-${r.digits(3)}-${r.digits(5)}-${r.int(0, 9)}\n${r.pick(['£', '€', '$'])}${r.int(7, 24)}.99 · Usually dispatched within 2–3 days\nAlso available: Hardback, eBook, Audiobook (Unabridged)`;
  },
  projectField(r) {
    const p = r.pick(['Orbital survey', 'Coastal erosion study', 'Harbour lights refit', 'Quarterly planning', 'Tidal model v2', 'Glacier retreat mapping', 'Summer intern onboarding']);
    return r.pick([`Project: ${p}`, `Project name\n${p}`, `${p}`, `New task in ${p}`, `Title: ${p}`]);
  },
  tracking(r) {
    return r.pick([
      `Tracking number: 1Z${r.upper(3, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')}${r.digits(13)}`, `Sendungsnummer: JJD${r.digits(18)}`, `Colissimo n° 6A${r.digits(11)}`,
      `Shipped ${DATE(r)} ${TIME(r)} · Out for delivery`, `Last update: ${DATE(r)} ${TIME(r)} (local time)`, `Order ${r.digits(3)}-${r.digits(7)}-${r.digits(7)} · Delivered`,
    ]);
  },
  dashboard(r) {
    return `CPU ${r.int(2, 99)}% · Memory ${r.int(1, 31)}.${r.int(0, 9)} GB · Uptime ${r.int(1, 90)} d ${r.int(0, 23)} h · Region eu-central-1 · Node v${r.int(18, 22)}.${r.int(0, 12)}.${r.int(0, 9)}`;
  },
  settings(r) {
    return r.pick(['Account · Notifications · Privacy · Billing · Sign out', 'Dark mode\tOn\nLanguage\tEnglish (United Kingdom)\nTime zone\tEurope/Berlin (UTC+01:00)', 'Two-factor authentication is enabled for this workspace.', 'Export to CSV · Print · Share link']);
  },
  weather(r) {
    return `Tomorrow ${r.int(-5, 31)}°C, ${r.pick(['light rain', 'sunny', 'overcast', 'snow showers'])} · Wind ${r.int(3, 40)} km/h · Sunrise ${TIME(r)} · UV index ${r.int(1, 9)}`;
  },
};

/** Items are split in halves by a hash of their id. */
export const isTestPage = (id) => fnv(`split:${id}`) % 2 === 0;

export function buildPages({ perCountry = 24, negatives = 160, seed = 20261204 } = {}) {
  const r = rng(seed);
  const items = [];
  const shapes = Object.entries(SHAPES);
  for (const key of KEYS) {
    const c = COUNTRIES[key];
    for (let i = 0; i < perCountry; i++) {
      const [shape, make] = shapes[(i + fnv(key)) % shapes.length];
      const d = make(r, c, key);
      const id = `pages:${key}:${shape}:${i}`;
      items.push({ id, locale: key, shape, text: d.text, labels: d.labels, split: isTestPage(id) ? 'test' : 'tune' });
    }
  }
  const neg = Object.entries(NEGATIVE_SHAPES);
  for (let i = 0; i < negatives; i++) {
    const [shape, make] = neg[i % neg.length];
    const id = `pages:negative:${shape}:${i}`;
    items.push({ id, locale: 'any', shape, text: make(r), labels: [], split: isTestPage(id) ? 'test' : 'tune' });
  }
  return items;
}

/** How many of this set's first and last names the shipped lexicon knows (an honest note beside its figures). */
export function lexiconOverlap(lexicon) {
  const first = new Set(lexicon.first.split('|'));
  const last = new Set(lexicon.last.split('|'));
  const firsts = KEYS.flatMap((k) => COUNTRIES[k].first.map((x) => x.toLowerCase()));
  const lasts = KEYS.flatMap((k) => COUNTRIES[k].last.map((x) => x.toLowerCase()));
  return { first_names: firsts.length, first_known: firsts.filter((x) => first.has(x)).length, last_names: lasts.length, last_known: lasts.filter((x) => last.has(x)).length };
}
