// An evaluation sample for the privacy filter, built a different way from its
// rules: values come from @faker-js/faker in 12 locales (names, addresses,
// phones, companies, cities, usernames, IBANs), and the snippets around them
// are shaped like real pages (profile cards, tables, chat, invoices, error
// messages, URLs, forms) and written in each locale's language.
//
// Every item is labelled with the exact characters of each sensitive value.
// Items are split into a tuning set and a test set by a hash of their id;
// `npm run bench` reports the test set only, and rule work looks only at the
// tuning set (`node --import tsx bench/privacy-corpus-tune.mjs`).
//
// Names: a third of faker's names are held out (`heldOutName`): the name
// lexicon the extension ships is built without them, so the figures also say
// how the filter does on names it has never seen.
import { allFakers } from '@faker-js/faker';
import { Doc } from './labelled-doc.mjs';

/** FNV-1a, 32 bit: a stable hash for splits and hold-outs. */
export function fnv(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Names whose hash falls in the held-out third: never in the shipped lexicon. */
export const heldOutName = (name) => fnv(`name:${name.toLowerCase()}`) % 3 === 0;

/** Items whose hash falls here are the test set (40%). */
export const isTestItem = (id) => fnv(`split:${id}`) % 5 < 2;

const LOCALES = ['en_US', 'en_GB', 'de', 'fr', 'es', 'it', 'pt_BR', 'nl', 'ja', 'pl', 'sv', 'tr'];

// Words each language uses on pages, for the snippets. Written from the
// languages, not from the rules; a rule may know some of them, or not.
const WORDS = {
  en: { name: 'Name', email: 'Email', phone: 'Phone', address: 'Address', dob: ['Date of birth', 'DOB', 'Born'], passport: 'Passport number', tax: 'Tax ID', user: 'Username', bill: 'Bill to', hi: ['Hi', 'Hello', 'Dear', 'Thanks'], lives: 'Lives in', works: 'Works at', from: 'Sent from', customer: 'Customer', total: 'Total', order: 'Order', city: 'City', company: 'Company' },
  de: { name: 'Name', email: 'E-Mail', phone: 'Telefon', address: 'Adresse', dob: ['Geburtsdatum', 'Geboren am', 'geb.'], passport: 'Reisepass-Nr.', tax: 'Steuer-ID', user: 'Benutzername', bill: 'Rechnung an', hi: ['Hallo', 'Liebe', 'Sehr geehrter Herr', 'Danke'], lives: 'Wohnt in', works: 'Arbeitet bei', from: 'Gesendet von', customer: 'Kunde', total: 'Gesamt', order: 'Bestellung', city: 'Ort', company: 'Firma' },
  fr: { name: 'Nom', email: 'E-mail', phone: 'Téléphone', address: 'Adresse', dob: ['Date de naissance', 'Né le', 'Née le'], passport: 'Numéro de passeport', tax: 'Numéro fiscal', user: "Nom d'utilisateur", bill: 'Facturer à', hi: ['Bonjour', 'Cher', 'Chère', 'Merci'], lives: 'Habite à', works: 'Travaille chez', from: 'Envoyé par', customer: 'Client', total: 'Total', order: 'Commande', city: 'Ville', company: 'Société' },
  es: { name: 'Nombre', email: 'Correo electrónico', phone: 'Teléfono', address: 'Dirección', dob: ['Fecha de nacimiento', 'Nacido el', 'Nacida el'], passport: 'Pasaporte', tax: 'NIF', user: 'Usuario', bill: 'Facturar a', hi: ['Hola', 'Estimado', 'Estimada', 'Gracias'], lives: 'Vive en', works: 'Trabaja en', from: 'Enviado por', customer: 'Cliente', total: 'Total', order: 'Pedido', city: 'Ciudad', company: 'Empresa' },
  it: { name: 'Nome', email: 'Email', phone: 'Telefono', address: 'Indirizzo', dob: ['Data di nascita', 'Nato il', 'Nata il'], passport: 'Numero di passaporto', tax: 'Codice fiscale', user: 'Nome utente', bill: 'Fatturare a', hi: ['Ciao', 'Gentile', 'Caro', 'Grazie'], lives: 'Vive a', works: 'Lavora presso', from: 'Inviato da', customer: 'Cliente', total: 'Totale', order: 'Ordine', city: 'Città', company: 'Azienda' },
  pt: { name: 'Nome', email: 'E-mail', phone: 'Telefone', address: 'Endereço', dob: ['Data de nascimento', 'Nascido em', 'Nascida em'], passport: 'Passaporte', tax: 'CPF', user: 'Usuário', bill: 'Cobrar de', hi: ['Olá', 'Prezado', 'Prezada', 'Obrigado'], lives: 'Mora em', works: 'Trabalha na', from: 'Enviado por', customer: 'Cliente', total: 'Total', order: 'Pedido', city: 'Cidade', company: 'Empresa' },
  nl: { name: 'Naam', email: 'E-mail', phone: 'Telefoon', address: 'Adres', dob: ['Geboortedatum', 'Geboren op'], passport: 'Paspoortnummer', tax: 'BSN', user: 'Gebruikersnaam', bill: 'Factuur aan', hi: ['Hoi', 'Beste', 'Hallo', 'Bedankt'], lives: 'Woont in', works: 'Werkt bij', from: 'Verzonden door', customer: 'Klant', total: 'Totaal', order: 'Bestelling', city: 'Plaats', company: 'Bedrijf' },
  ja: { name: 'Shimei', email: 'Mēru', phone: 'Denwa bangō', address: 'Jūsho', dob: ['Seinengappi', '生年月日'], passport: 'Ryoken bangō', tax: 'Mai nambā', user: 'Yūzā mei', bill: 'Seikyū-saki', hi: ['Konnichiwa', 'Arigatō'], lives: 'Sunde iru', works: 'Kinmu-saki', from: 'Sōshin-sha', customer: 'Kokyaku', total: 'Gōkei', order: 'Chūmon', city: 'Shi', company: 'Kaisha' },
  pl: { name: 'Imię i nazwisko', email: 'E-mail', phone: 'Telefon', address: 'Adres', dob: ['Data urodzenia', 'Urodzony'], passport: 'Numer paszportu', tax: 'NIP', user: 'Nazwa użytkownika', bill: 'Nabywca', hi: ['Cześć', 'Dzień dobry', 'Dziękuję'], lives: 'Mieszka w', works: 'Pracuje w', from: 'Wysłane przez', customer: 'Klient', total: 'Razem', order: 'Zamówienie', city: 'Miasto', company: 'Firma' },
  sv: { name: 'Namn', email: 'E-post', phone: 'Telefon', address: 'Adress', dob: ['Födelsedatum', 'Född'], passport: 'Passnummer', tax: 'Personnummer', user: 'Användarnamn', bill: 'Faktureras', hi: ['Hej', 'Tack'], lives: 'Bor i', works: 'Jobbar på', from: 'Skickat av', customer: 'Kund', total: 'Summa', order: 'Beställning', city: 'Ort', company: 'Företag' },
  tr: { name: 'Ad Soyad', email: 'E-posta', phone: 'Telefon', address: 'Adres', dob: ['Doğum tarihi'], passport: 'Pasaport no', tax: 'Vergi no', user: 'Kullanıcı adı', bill: 'Fatura adresi', hi: ['Merhaba', 'Sayın', 'Teşekkürler'], lives: 'Yaşadığı yer', works: 'Çalıştığı yer', from: 'Gönderen', customer: 'Müşteri', total: 'Toplam', order: 'Sipariş', city: 'Şehir', company: 'Şirket' },
};
const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
};
const lang = (locale) => locale.split('_')[0];


function vendorSecret(f) {
  const a = (n, chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') => f.string.fromCharacters(chars, n);
  const hex = (n) => f.string.hexadecimal({ length: n, casing: 'lower', prefix: '' });
  const d = (n) => f.string.numeric(n);
  return f.helpers.arrayElement([
    () => `AKIA${a(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    () => `ghp_${a(36)}`,
    () => `github_pat_11${a(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}_${a(59)}`,
    () => `xoxb-${d(11)}-${d(13)}-${a(24)}`,
    () => `sk_live_${a(24)}`,
    () => `rk_live_${a(24)}`,
    () => `whsec_${a(32)}`,
    () => `AIza${a(35, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
    () => `${d(10)}:AA${a(33, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`, // Telegram bot
    () => `sk-proj-${a(58, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}T3BlbkFJ${a(58, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
    () => `sk-ant-api03-${a(93, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}AA`,
    () => `glpat-${a(20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
    () => `hf_${a(34)}`,
    () => `npm_${a(36)}`,
    () => `SG.${a(22, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}.${a(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
    () => `sq0csp-${a(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`, // Square OAuth secret
    () => `EAAA${a(60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`, // Square access token
    () => `sk.eyJ1Ijoi${a(50)}.${a(22)}`, // Mapbox secret token
    () => `ntn_${d(11)}${a(35)}`, // Notion
    () => `secret_${a(43)}`, // Notion (older)
    () => `shpat_${hex(32)}`,
    () => `dop_v1_${hex(64)}`,
    () => `glsa_${a(32)}_${hex(8)}`, // Grafana service account
    () => `hvs.${a(90, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`, // Vault
    () => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${a(40)}.${a(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
  ])();
}

/** Keys that only their label names: Datadog, Algolia, Cloudflare, generic. */
function labelledKey(f) {
  const a = (n, chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') => f.string.fromCharacters(chars, n);
  const hex = (n) => f.string.hexadecimal({ length: n, casing: 'lower', prefix: '' });
  return f.helpers.arrayElement([
    ['DD_API_KEY=', hex(32)], ['Datadog API key: ', hex(32)], ['ALGOLIA_ADMIN_KEY=', hex(32)], ['Algolia Admin API Key ', hex(32)],
    ['CLOUDFLARE_API_TOKEN=', a(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')], ['Cloudflare API token: ', a(40)],
    ['client_secret: ', a(32)], ['API key: ', a(40)], ['X-Api-Key: ', hex(40)], ['"apiKey": "', a(32)],
  ]);
}

function birthDate(f, l) {
  const d = f.date.birthdate({ min: 18, max: 90, mode: 'age' });
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  const months = MONTHS[l] ?? MONTHS.en;
  const pad = (n) => String(n).padStart(2, '0');
  return f.helpers.arrayElement([
    `${pad(day)}/${pad(month + 1)}/${year}`, `${pad(day)}.${pad(month + 1)}.${year}`, `${year}-${pad(month + 1)}-${pad(day)}`,
    l === 'en' ? `${months[month]} ${day}, ${year}` : `${day} ${months[month]} ${year}`,
    l === 'en' ? `${day} ${months[month].slice(0, 3)} ${year}` : l === 'de' ? `${day}. ${months[month]} ${year}` : l === 'es' || l === 'pt' ? `${day} de ${months[month]} de ${year}` : `${day} ${months[month]} ${year}`,
    l === 'ja' ? `${year}年${month + 1}月${day}日` : `${pad(month + 1)}/${pad(day)}/${year}`,
  ]);
}

function idNumber(f, locale) {
  const d = (n) => f.string.numeric(n);
  const A = (n) => f.string.fromCharacters('ABCDEFGHJKLMNPRSTUVWXYZ', n);
  switch (locale) {
    case 'en_US': return f.helpers.arrayElement([`${d(9)}`, `${A(1)}${d(8)}`]);
    case 'en_GB': return f.helpers.arrayElement([d(9), `${A(2)}${d(6)}${A(1)}`]);
    case 'de': return f.helpers.arrayElement([`C${A(1)}${d(7)}`, `${A(1)}${d(8)}`, d(11)]);
    case 'fr': return f.helpers.arrayElement([`${d(2)}${A(2)}${d(5)}`, d(13)]);
    case 'es': return f.helpers.arrayElement([`${d(8)}${A(1)}`, `${A(3)}${d(6)}`]);
    case 'it': return f.helpers.arrayElement([`${A(2)}${d(7)}`, `${A(6)}${d(2)}${A(1)}${d(2)}${A(1)}${d(3)}${A(1)}`]);
    case 'pt_BR': return f.helpers.arrayElement([`${d(3)}.${d(3)}.${d(3)}-${d(2)}`, `${A(2)}${d(6)}`]);
    case 'nl': return f.helpers.arrayElement([d(9), `N${A(1)}${d(7)}`]);
    case 'pl': return f.helpers.arrayElement([d(10), `${A(2)}${d(7)}`]);
    case 'sv': return f.helpers.arrayElement([`${d(6)}-${d(4)}`, d(8)]);
    case 'tr': return d(11);
    default: return f.helpers.arrayElement([`T${d(8)}`, `${A(2)}${d(7)}`]);
  }
}

/** A full address, from the house number to the postcode (and the city beside it). */
function address(f, locale) {
  const L = f.location;
  const street = L.street();
  const n = L.buildingNumber();
  const zip = L.zipCode();
  const city = L.city();
  switch (lang(locale)) {
    case 'en': return locale === 'en_GB' ? `${n} ${street}, ${city} ${zip}` : `${n} ${street}, ${city}, ${L.state({ abbreviated: true })} ${zip.slice(0, 5)}`;
    case 'fr': return `${n} ${street}, ${zip} ${city}`;
    case 'pt': return `${street}, ${n}, ${zip} ${city}`;
    case 'ja': return `〒${zip} ${L.state()}${city}${street}`;
    default: return `${street} ${n}, ${zip} ${city}`;
  }
}

function phone(f) {
  return f.helpers.arrayElement([() => f.phone.number({ style: 'national' }), () => f.phone.number({ style: 'international' }), () => f.phone.number({ style: 'human' })])();
}

/** A person's name as pages show it: full, first only, family name first, or lowercase in chat. */
function personName(f) {
  const first = f.person.firstName();
  const last = f.person.lastName();
  return { first, last, full: `${first} ${last}` };
}

/** A public IPv4 address: faker also draws loopback (127.x), which identifies no one and is not labelled. */
const ipv4 = (f) => {
  for (;;) {
    const ip = f.internet.ipv4();
    if (!ip.startsWith('127.') && !ip.startsWith('0.')) return ip;
  }
};

const host = (f) => f.helpers.arrayElement(['app.example.com', 'portal.acme.io', 'shop.example.org', 'mail.example.net', 'drive.example.com']);

/** One positive snippet per shape; `d` collects text and labels. */
const SHAPES = {
  profileCard(f, w) {
    const p = personName(f);
    const d = new Doc().mark('person', p.full).say(`\n${f.person.jobTitle()}\n${w.email}: `).mark('email', f.internet.email({ firstName: p.first, lastName: p.last }))
      .say(`\n${w.phone}: `).mark('phone', phone(f)).say(`\n${w.city}: `).mark('place', f.location.city());
    return d;
  },
  table(f, w) {
    const d = new Doc().say(`${w.name}\t${w.email}\t${w.phone}\n`);
    for (let i = 0; i < 2; i++) {
      const p = personName(f);
      d.mark('person', p.full).say('\t').mark('email', f.internet.email({ firstName: p.first, lastName: p.last })).say('\t').mark('phone', phone(f)).say('\n');
    }
    return d;
  },
  chat(f, w) {
    const p = personName(f);
    const other = personName(f);
    return new Doc().mark('person', p.first.toLowerCase()).say(`: ${f.helpers.arrayElement(w.hi)} `).mark('person', other.first)
      .say(`, ${f.helpers.arrayElement(['can you call me at ', 'my number is ', 'new phone: '])}`).mark('phone', phone(f)).say(' ?');
  },
  invoice(f, w, locale) {
    const d = new Doc().say(`${w.order} #${f.string.numeric(8)}\n${w.bill}: `).mark('person', personName(f).full).say('\n')
      .mark('address', address(f, locale)).say(`\nIBAN: `).mark('iban', f.finance.iban({ formatted: f.datatype.boolean(), countryCode: { en_US: 'DE', en_GB: 'GB', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', pt_BR: 'PT', nl: 'NL', ja: 'DE', pl: 'PL', sv: 'SE', tr: 'TR' }[locale] }))
      .say(`\n${w.total}: ${f.commerce.price({ symbol: '€' })}`);
    return d;
  },
  companyLine(f, w) {
    return new Doc().mark('person', personName(f).full).say(` · ${w.works} `).mark('organization', f.company.name());
  },
  livesIn(f, w) {
    return new Doc().mark('person', personName(f).full).say(` — ${w.lives} `).mark('place', f.location.city());
  },
  form(f, w) {
    const p = personName(f);
    return new Doc().say(`${w.name}: `).mark('person', p.full).say(`\n${w.dob[0]}: `).mark('birth_date', birthDate(f, w.lang))
      .say(`\n${w.passport}: `).mark('id_number', idNumber(f, w.locale)).say(`\n${w.tax}: `).mark('id_number', idNumber(f, w.locale));
  },
  dobInline(f, w) {
    return new Doc().mark('person', personName(f).full).say(`, ${f.helpers.arrayElement(w.dob.slice(1).concat(w.dob[0]))} `).mark('birth_date', birthDate(f, w.lang));
  },
  errorLog(f) {
    const u = f.internet.username().toLowerCase().replace(/[^a-z0-9._-]/g, '');
    return f.helpers.arrayElement([
      () => new Doc().say(`FATAL: password authentication failed for user "`).mark('username', u).say(`" from `).mark('ip', ipv4(f)),
      () => new Doc().say(`$ ssh `).mark('username', u).say('@').mark('ip', ipv4(f)).say(`\nPermission denied (publickey).`),
      () => new Doc().say(`login failed for user '`).mark('username', u).say(`' (attempt ${f.number.int({ min: 2, max: 5 })} of 5)`),
      () => new Doc().say(`[${f.date.recent().toISOString()}] WARN request from `).mark('ip', f.internet.ipv6()).say(` rejected: rate limit`),
    ])();
  },
  handle(f, w) {
    const u = f.internet.username().replace(/[^A-Za-z0-9_]/g, '_');
    return f.helpers.arrayElement([
      () => new Doc().say(`Follow `).mark('username', `@${u}`).say(` for updates`),
      () => new Doc().say(`posted by `).mark('username', `u/${u}`).say(` · ${f.number.int({ min: 2, max: 23 })}h`),
      () => new Doc().say(`${w.user}: `).mark('username', u),
      () => new Doc().say(`Signed in as `).mark('username', u.toLowerCase()),
    ])();
  },
  urlWithSecret(f) {
    const param = f.helpers.arrayElement(['token', 'code', 'session', 'otp', 'sig', 'X-Amz-Signature', 'access_token', 'key', 'reset_token', 'auth']);
    const value = param === 'otp' ? f.string.numeric(6) : f.string.alphanumeric({ length: f.number.int({ min: 20, max: 48 }) });
    const path = f.helpers.arrayElement(['/reset', '/auth/callback', '/files/report.pdf', '/invite/accept', '/download']);
    return new Doc().say(`Link: https://${host(f)}${path}?lang=en&${param}=`).mark('url_secret', value).say(`&utm_source=mail`);
  },
  secret(f) {
    return f.datatype.boolean()
      ? new Doc().say(f.helpers.arrayElement(['export API_TOKEN=', 'Your key: ', 'token: ', 'Authorization: Bearer ', 'Key copied: '])).mark('secret', vendorSecret(f))
      : (([label, v]) => new Doc().say(label).mark('secret', v))(labelledKey(f));
  },
  card(f) {
    return new Doc().say(f.helpers.arrayElement(['Card number ', 'Karte ', 'Carte bancaire : ', 'Tarjeta: ', 'Card on file: '])).mark('card', f.finance.creditCardNumber({ issuer: f.helpers.arrayElement(['visa', 'mastercard', 'amex']) }).replace(/-/g, f.helpers.arrayElement([' ', '-', ''])));
  },
  greeting(f, w) {
    const p = personName(f);
    return new Doc().say(`${f.helpers.arrayElement(w.hi)} `).mark('person', f.datatype.boolean() ? p.first : p.full).say(',\n');
  },
  addressLine(f, w, locale) {
    return new Doc().say(`${w.address}: `).mark('address', address(f, locale));
  },
  shipTo(f, w, locale) {
    const p = personName(f);
    return new Doc().mark('person', p.full).say('\n').mark('address', address(f, locale)).say(`\n${w.phone} `).mark('phone', phone(f));
  },
  sender(f, w) {
    return new Doc().say(`${w.from} `).mark('person', personName(f).full).say(` (`).mark('organization', f.company.name()).say(')');
  },
};

// Hard negatives: text with no personal value that looks like one.
const PRODUCTS = ['Air Jordan 1 Retro High', 'Earl Grey tea, 100 g', 'Tom Collins cocktail', 'Granny Smith apples, 1 kg', 'Madison Avenue 3-seat sofa', 'Stanley Quencher 40 oz', 'Victoria sponge cake', 'Caesar salad', 'Bloody Mary mix', 'Pink Lady apples', 'Lady Grey loose leaf', 'Margherita pizza', 'Eggs Benedict', 'Beef Wellington', 'Peach Melba', 'Nike Blazer Mid 77', 'Adidas Stan Smith', 'Dr. Martens 1460 boots', 'Ray-Ban Wayfarer', 'Eames Lounge Chair', 'Billy bookcase, white', 'Tesla Model Y', 'Arnold Palmer iced tea', 'Shirley Temple', 'John Deere tractor toy', 'Sam Browne belt', 'Jackie O sunglasses', 'Louis Vuitton Neverfull', 'Tommy Hilfiger polo', 'Calvin Klein jeans', 'Hugo Boss parfum', 'Ben & Jerry\'s Cookie Dough', 'Marie biscuits', 'Sachertorte', 'Praline Leonidas', 'Kaiser Wilhelm Birne', 'Charlotte aux fraises', 'Pêche Melba', 'Crêpe Suzette', 'Sandwich Croque Monsieur', 'Tarta de Santiago', 'Pizza Regina', 'Pasta alla Norma', 'Torta Margherita', 'Bolo de Rolo', 'Brigadeiro', 'Stroopwafel', 'Jenever Bols', 'Prinsessa tårta', 'Jansson\'s frestelse', 'Köfte Ali Nazik', 'Imam bayıldı'];
const UI = {
  en: ['Add to cart', 'Sign in to continue', 'Your order has shipped', 'Free returns within 30 days', 'Show more results', 'Password must contain 8 characters', 'Remember me on this device', 'Terms and Conditions', 'Track your package', 'Customer reviews'],
  de: ['In den Warenkorb', 'Anmelden', 'Ihre Bestellung wurde versandt', 'Kostenlose Rücksendung', 'Mehr anzeigen', 'Passwort vergessen?', 'Angemeldet bleiben', 'Allgemeine Geschäftsbedingungen', 'Sendung verfolgen', 'Kundenbewertungen'],
  fr: ['Ajouter au panier', 'Se connecter', 'Votre commande a été expédiée', 'Retours gratuits', 'Afficher plus', 'Mot de passe oublié ?', 'Rester connecté', 'Conditions générales de vente', 'Suivre mon colis', 'Avis clients'],
  es: ['Añadir al carrito', 'Iniciar sesión', 'Tu pedido ha sido enviado', 'Devoluciones gratis', 'Mostrar más', '¿Olvidaste tu contraseña?', 'Mantener la sesión', 'Términos y condiciones', 'Seguir envío', 'Opiniones de clientes'],
  it: ['Aggiungi al carrello', 'Accedi', 'Il tuo ordine è stato spedito', 'Resi gratuiti', 'Mostra altro', 'Password dimenticata?', 'Ricordami', 'Termini e condizioni', 'Traccia la spedizione', 'Recensioni dei clienti'],
  pt: ['Adicionar ao carrinho', 'Entrar', 'Seu pedido foi enviado', 'Devolução grátis', 'Mostrar mais', 'Esqueceu a senha?', 'Lembrar de mim', 'Termos e condições', 'Rastrear pedido', 'Avaliações de clientes'],
  nl: ['In winkelwagen', 'Inloggen', 'Je bestelling is verzonden', 'Gratis retourneren', 'Meer tonen', 'Wachtwoord vergeten?', 'Ingelogd blijven', 'Algemene voorwaarden', 'Volg je pakket', 'Klantbeoordelingen'],
  ja: ['Kāto ni ireru', 'Roguin', 'Chūmon ga hassō saremashita', 'Henpin muryō', 'Motto miru', 'カートに入れる', 'ログイン', 'ご注文ありがとうございます', '送料無料', 'レビューを書く'],
  pl: ['Dodaj do koszyka', 'Zaloguj się', 'Zamówienie zostało wysłane', 'Darmowe zwroty', 'Pokaż więcej', 'Nie pamiętasz hasła?', 'Zapamiętaj mnie', 'Regulamin', 'Śledź przesyłkę', 'Opinie klientów'],
  sv: ['Lägg i varukorgen', 'Logga in', 'Din beställning har skickats', 'Fri retur', 'Visa fler', 'Glömt lösenordet?', 'Kom ihåg mig', 'Villkor', 'Spåra paket', 'Kundrecensioner'],
  tr: ['Sepete ekle', 'Giriş yap', 'Siparişiniz kargoya verildi', 'Ücretsiz iade', 'Daha fazla göster', 'Şifremi unuttum', 'Beni hatırla', 'Kullanım koşulları', 'Kargo takibi', 'Müşteri yorumları'],
};
const NEGATIVES = [
  (f) => f.helpers.arrayElement(PRODUCTS) + ` — ${f.commerce.price({ symbol: '$' })}`,
  (f) => `${f.helpers.arrayElement(PRODUCTS)} (${f.number.int({ min: 2, max: 900 })} reviews)`,
  (f) => `Order #${f.string.numeric(f.number.int({ min: 8, max: 12 }))} · ${f.number.int({ min: 1, max: 9 })} items`,
  (f) => `Order ${f.string.numeric(3)}-${f.string.numeric(7)}-${f.string.numeric(7)} shipped`,
  (f) => `Tracking number: 1Z${f.string.alphanumeric({ length: 16, casing: 'upper' })}`,
  (f) => `Sendungsnummer ${f.string.numeric(20)}`,
  (f) => `Version ${f.system.semver()} released`,
  (f) => `Build ${f.number.int({ min: 10, max: 22 })}.0.${f.number.int({ min: 10000, max: 26000 })}.${f.number.int({ min: 100, max: 5000 })}`,
  (f) => `Subnet mask 255.255.${f.helpers.arrayElement(['255.0', '0.0', '255.128', '240.0'])}`,
  (f) => `Default gateway ${f.helpers.arrayElement(['192.168.0.1', '10.0.0.1', '192.168.1.1'])} is a private address shown in the docs`,
  (f) => `SKU ${f.string.alphanumeric({ length: 4, casing: 'upper' })}-${f.string.numeric(5)}`,
  (f) => `Total: ${f.commerce.price({ symbol: '€' })} incl. VAT (${f.number.int({ min: 7, max: 21 })}%)`,
  (f) => `${f.number.int({ min: 1, max: 9 })}.${f.string.numeric(3)},${f.string.numeric(2)} € inkl. MwSt.`,
  (f) => `Delivered on ${f.date.recent().toISOString().slice(0, 10)}`,
  (f) => `Lieferung am ${f.number.int({ min: 1, max: 28 })}. ${f.helpers.arrayElement(MONTHS.de)} ${f.number.int({ min: 2024, max: 2027 })}`,
  (f) => `Livraison prévue le ${f.number.int({ min: 1, max: 28 })} ${f.helpers.arrayElement(MONTHS.fr)}`,
  (f) => `ISBN 978-${f.string.numeric(1)}-${f.string.numeric(3)}-${f.string.numeric(5)}-${f.string.numeric(1)}`,
  (f) => `Colour ${f.color.rgb()}`,
  (f) => `Rated ${f.number.float({ min: 1, max: 5, fractionDigits: 1 })} out of 5 by ${f.number.int({ min: 10, max: 99999 })} customers`,
  (f) => `Showing ${f.number.int({ min: 1, max: 50 })}–${f.number.int({ min: 51, max: 100 })} of ${f.number.int({ min: 101, max: 9999 })} results`,
  (f) => `Room ${f.number.int({ min: 100, max: 999 })}, floor ${f.number.int({ min: 1, max: 30 })}`,
  (f) => `Flight ${f.airline.flightNumber({ addLeadingZeros: true })} departs at ${f.number.int({ min: 10, max: 23 })}:${f.string.numeric(2)}`,
  (f) => `${f.number.int({ min: 2, max: 64 })} GB RAM, ${f.number.int({ min: 128, max: 2048 })} GB SSD`,
  (f) => `Step ${f.number.int({ min: 1, max: 5 })} of ${f.number.int({ min: 6, max: 9 })}: ${f.helpers.arrayElement(['Shipping', 'Payment', 'Review'])}`,
  (f) => `Use code ${f.string.alpha({ length: 4, casing: 'upper' })}${f.number.int({ min: 10, max: 50 })} at checkout`,
  (f) => `Error ${f.helpers.arrayElement([404, 500, 502, 403])}: ${f.helpers.arrayElement(['Not Found', 'Internal Server Error', 'Bad Gateway', 'Forbidden'])}`,
  (f) => `Ticket ${f.string.alpha({ length: 3, casing: 'upper' })}-${f.number.int({ min: 100, max: 9999 })} moved to Done`,
  (f) => `Commit ${f.git.commitSha({ length: 7 })}: ${f.git.commitMessage()}`,
  (f) => `Coordinates ${f.location.latitude()}, ${f.location.longitude()}`,
  (f) => `${f.commerce.productName()} — ${f.commerce.price({ symbol: '£' })}`,
  (f) => `The token expires in ${f.number.int({ min: 2, max: 59 })} minutes`,
  (f) => `Upload a passport photo (JPG, max ${f.number.int({ min: 2, max: 10 })} MB)`,
  () => `Phone number is required`,
  () => `Enter your date of birth to continue`,
  (f) => `Open ${f.helpers.arrayElement(['Monday', 'Tuesday', 'Saturday'])} ${f.number.int({ min: 7, max: 10 })}:00–${f.number.int({ min: 17, max: 21 })}:00`,
  (f) => `https://${f.helpers.arrayElement(['docs.example.com', 'shop.example.org'])}/${f.helpers.arrayElement(['products', 'help', 'blog'])}/${f.lorem.slug(3)}?page=${f.number.int({ min: 1, max: 9 })}&sort=price`,
  (f) => `${f.helpers.arrayElement(['Apple', 'Google', 'Amazon', 'Microsoft'])} ${f.helpers.arrayElement(['Pay', 'Maps', 'Prime', 'Teams'])} is not available in your region`,
  (f, w) => f.helpers.arrayElement(UI[w.lang] ?? UI.en),
  (f, w) => `${f.helpers.arrayElement(UI[w.lang] ?? UI.en)} · ${f.helpers.arrayElement(UI[w.lang] ?? UI.en)}`,
  (f) => `Reference ${f.string.numeric(16)}`,
];

export function buildCorpus({ perLocale = 72, negativesPerLocale = 36, seed = 20261126 } = {}) {
  const items = [];
  for (const locale of LOCALES) {
    const f = allFakers[locale];
    f.seed(seed + fnv(locale));
    const l = lang(locale);
    const w = { ...WORDS[l], lang: l, locale };
    const shapes = Object.entries(SHAPES);
    for (let i = 0; i < perLocale; i++) {
      const [shape, make] = shapes[i % shapes.length];
      const d = make(f, w, locale);
      const id = `${locale}:${shape}:${i}`;
      items.push({ id, locale, shape, text: d.text, labels: d.labels, split: isTestItem(id) ? 'test' : 'tune' });
    }
    for (let i = 0; i < negativesPerLocale; i++) {
      const make = NEGATIVES[(i * 7 + fnv(locale)) % NEGATIVES.length];
      const id = `${locale}:negative:${i}`;
      items.push({ id, locale, shape: 'negative', text: make(f, w), labels: [], split: isTestItem(id) ? 'test' : 'tune' });
    }
  }
  return items;
}
