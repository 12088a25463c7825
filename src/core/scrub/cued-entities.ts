// People, places and organisations beyond what the NER model finds alone:
// - a multi-locale lexicon of first names and surnames (name-lexicon.json):
//   a known name beside capitalised words is a person, taken whole, with its
//   particles (van der, de la, Ní) and in any case;
// - cues in 11 languages: "Name:", "Kunde:", "Bonjour Léa", "Wohnt in Köln",
//   "Travaille chez …", a table column headed Name/Customer/Owner, a chat
//   line "maria: …";
// - legal forms for companies (GmbH, SARL, S.p.A., z o.o., 株式会社, …);
// - fewer false positives: cue words, greetings and titles are trimmed off
//   the model's spans ("Dr." and "Bonjour" stay), and a name in a product
//   context (a price, reviews, "apples", "cocktail") or in the stop-list of
//   eponymous products and brands is left alone.
// It wraps any EntityRecognizer, so the model behind it can change.
import lexicon from './name-lexicon.json';
import { CUES, GREETINGS, ORG_CUES, TITLES, cueAlternation, cueGate, L } from './cues';
import { columnHeader } from './finder';
import { CompromiseRecognizer, isCommonWord, isDemonym, isKnownFirstName, type EntityRecognizer, type EntitySpan, type EntityType } from './entities';
import { findLegalNames } from './org-suffix';
import { addRegionNames } from './region-names';
import { contextualOrgs } from './org-context';
import { listedNames, structuralPeople } from './person-structure';
import { structuralPlaces } from './place-structure';

/**
 * The lexicon's 22k names become sets on first use, not when the content
 * script loads: it loads in every frame of every page, recording or not.
 */
let FIRST: Set<string> | null = null;
let LAST: Set<string> = new Set();
/** Called once per find(): after the first, a null check. */
function loadLexicon(): void {
  if (FIRST) return;
  FIRST = new Set((lexicon as { first: string }).first.split('|'));
  LAST = new Set((lexicon as { last: string }).last.split('|'));
  for (const w of PHRASE_WORDS) if (!isCommonWord(w) && (FIRST.has(w) || LAST.has(w) || isKnownFirstName(w))) CUE_WORDS.delete(w);
}
const isFirst = (w: string): boolean => FIRST!.has(w);
const isLast = (w: string): boolean => LAST.has(w);
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'ter', 'ten', 'zu', 'y', 'e', 'bin', 'ibn', 'al', 'el', 'ní', 'nic', 'mac', 'mc', 'ó', 'o\'', 'st.', 'af', 'av']);
/** Little words inside cue phrases ("lives in", "né le", "sent from"): trimmed off a span's edges, but part of names ("Le Havre", "van der Pol"). */
const FUNCTION_WORDS = new Set(['in', 'at', 'to', 'by', 'as', 'on', 'of', 'for', 'from', 'with', 'a', 'à', 'en', 'em', 'il', 'el', 'op', 'am', 'i', 'na', 'no', 'w', 'på', 'bei', 'chez', 'presso', 'per', 'para', 'par', 'da', 'de', 'le', 'la', 'du', 'des', 'der', 'die', 'das', 'den', 'von', 'van', 'met', 'the', 'und', 'and', 'et', 'e', 'y']);
const ALL_CUES = [...Object.values(CUES).flat(), ...ORG_CUES, ...GREETINGS, ...TITLES];
const ONE_WORD_CUES = new Set(ALL_CUES.filter((c) => !/\s/.test(c)));
/**
 * A word of a cue phrase is a cue on its own too ("lives" of "lives in"), except a name inside a phrase only:
 * "Iva" of "partita iva" is a name outside it ("Name: Iva D. Grusová").
 */
const CUE_WORDS = new Set(ALL_CUES.flatMap((c) => c.split(/\s+/)).filter((w) => !FUNCTION_WORDS.has(w) && !PARTICLES.has(w)));
/**
 * Words inside phrases only (never a phrase's first word, a verb as often as not: "Mora em Lisboa"), no cue alone:
 * those that are names leave CUE_WORDS when the lexicon loads.
 */
const PHRASE_FIRST = new Set(ALL_CUES.map((c) => c.split(/\s+/)[0]!));
const PHRASE_WORDS = [...CUE_WORDS].filter((w) => !ONE_WORD_CUES.has(w) && !PHRASE_FIRST.has(w));

/** Cues that are one word ("Company", "Customer", "City"): a label, never part of a name beside it. */
const LABEL_WORDS = new Set([...Object.values(CUES).flat(), ...ORG_CUES, ...GREETINGS].filter((c) => !c.includes(' ')));

/** Ordinary vocabulary, plurals too ("Drafts", "Settings"). */
const ordinary = (w: string): boolean => isCommonWord(w) || (w.endsWith('s') && isCommonWord(w.slice(0, -1)));
/** Words that follow "in", "from", "to" and are no place: months, days, languages, seasons, times of day, UI words. */
const NOT_PLACES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'spring', 'summer', 'autumn', 'fall', 'winter', 'christmas', 'easter', 'english', 'german',
  'french', 'spanish', 'italian', 'portuguese', 'dutch', 'polish', 'swedish', 'finnish', 'turkish', 'japanese', 'chinese', 'korean', 'russian', 'arabic', 'czech',
  'hungarian', 'danish', 'norwegian', 'greek', 'hindi', 'language', 'languages', 'settings', 'inbox', 'drafts', 'trash', 'spam', 'archive', 'sent', 'outbox',
  'stock', 'stores', 'store', 'cart', 'basket', 'checkout', 'bed', 'time', 'progress', 'review', 'production', 'staging', 'beta', 'excel', 'word', 'powerpoint',
  'outlook', 'chrome', 'firefox', 'safari', 'edge', 'windows', 'linux', 'macos', 'android', 'ios', 'docker', 'python', 'javascript', 'typescript', 'java', 'rust',
  'go', 'git', 'slack', 'teams', 'zoom', 'jira', 'confluence', 'notion', 'figma', 'sql', 'api', 'ui', 'pdf', 'csv', 'json', 'html', 'css', 'ai', 'usd', 'eur', 'gbp',
  'am', 'pm', 'utc', 'gmt', 'cet', 'est', 'pst', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2', 'old', 'new', 'central', 'station', 'airport', 'harbour', 'harbor', 'university',
  'town', 'city', 'centre', 'center', 'hauptbahnhof', 'platform', 'gate', 'terminal']);

/** Country names in the supported languages (from the runtime's own ICU data), built on first use. */
let COUNTRIES: Set<string> | null = null;
function isCountry(name: string): boolean {
  if (!COUNTRIES) {
    COUNTRIES = new Set(['usa', 'uk', 'u.s.', 'u.s.a.', 'america', 'the united states', 'england', 'scotland', 'wales', 'great britain', 'britain', 'holland', 'the netherlands', 'europe', 'asia', 'africa', 'the uk', 'the us', 'türkiye', 'czechia']);
    for (const lang of ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'fi', 'tr', 'cs', 'da', 'nb']) addRegionNames(lang, COUNTRIES);
  }
  return COUNTRIES.has(name.toLowerCase());
}

/** Eponymous products, dishes, drinks and brands: a person's name in form only. */
const NOT_PEOPLE = [
  'tom collins', 'john collins', 'granny smith', 'stan smith', 'shirley temple', 'earl grey', 'lady grey', 'pink lady', 'arnold palmer', 'bloody mary',
  'john deere', 'sam browne', 'jackie o', 'louis vuitton', 'tommy hilfiger', 'calvin klein', 'hugo boss', 'ralph lauren', 'michael kors', 'kate spade',
  'marc jacobs', 'tory burch', 'vera wang', 'giorgio armani', 'yves saint laurent', 'christian dior', 'coco chanel', 'jimmy choo', 'ted baker', 'paul smith',
  'ben & jerry', 'ben and jerry', 'dr. martens', 'doc martens', 'ray-ban', 'peach melba', 'pêche melba', 'crêpe suzette', 'croque monsieur', 'croque madame',
  'pasta alla norma', 'pizza regina', 'beef wellington', 'eggs benedict', 'caesar salad', 'victoria sponge', 'madison avenue', 'kaiser wilhelm',
  'charlotte aux fraises', 'tarta de santiago', 'ali nazik', 'marie biscuits', 'margherita', 'cobb salad', 'oysters rockefeller', 'chicken tetrazzini',
  'bananas foster', 'sally lunn', 'tom yum', 'rob roy', 'harvey wallbanger', 'margarita', 'bellini', 'rossini', 'carpaccio', 'john dory', 'jack daniel',
  'jim beam', 'johnnie walker', 'jack russell', 'king charles', 'louis xiv', 'philippe starck', 'le corbusier', 'charles eames', 'eames', 'billy',
  'stanley', 'tesla', 'ford', 'ferrari', 'porsche', 'mercedes', 'dyson', 'dell', 'hermès', 'chanel', 'gucci', 'prada', 'cartier', 'tiffany',
  'google', 'apple', 'amazon', 'microsoft', 'adidas', 'nike', 'reebok', 'puma', 'mercedes benz', 'mercedes-benz',
  // Figures of faith and folklore, named in prayers, songs and greetings: no one's personal data.
  'god', 'lord', 'allah', 'santa claus', 'father christmas', 'mother nature', 'the beatles',
];
/** Platforms and public services named on a page ("on GitHub as …", "Twitter: @…"): public, no one's employer. */
const PUBLIC_SERVICES = new Set(['github', 'gitlab', 'bitbucket', 'twitter', 'instagram', 'discord', 'telegram', 'skype', 'steam', 'twitch', 'reddit', 'mastodon', 'linkedin',
  'keybase', 'slack', 'tiktok', 'youtube', 'snapchat', 'facebook', 'whatsapp', 'signal', 'xbox', 'playstation', 'bluesky', 'substack', 'medium', 'dribbble', 'behance',
  'wechat', 'viber', 'threema', 'xing', 'weibo', 'google', 'google maps', 'apple', 'amazon', 'microsoft', 'zoom', 'teams', 'microsoft teams', 'dropbox', 'notion', 'figma',
  'jira', 'confluence', 'trello', 'paypal', 'stripe', 'shopify', 'ebay', 'etsy', 'netflix', 'spotify', 'uber', 'airbnb', 'booking.com', 'wikipedia', 'chrome', 'firefox',
  'safari', 'windows', 'android', 'ios', 'macos', 'linux', 'ubuntu', 'docker', 'kubernetes', 'aws', 'azure', 'openai', 'chatgpt',
  // Card networks and payment services ("My Visa card", "Do you accept American Express?"), voice assistants ("Ask Siri").
  'visa', 'mastercard', 'american express', 'amex', 'maestro', 'diners club', 'unionpay', 'apple pay', 'google pay', 'venmo', 'klarna',
  'siri', 'alexa', 'cortana', 'google assistant', 'bixby']);
const PRODUCT_CONTEXT = new RegExp(`(?:[$€£¥]\\s?\\d|\\d\\s?(?:€|EUR|USD|kr|zł|TL)\\b|\\d\\s?reviews?\\b|\\breviews\\b|\\bin stock\\b|\\badd to cart\\b|\\bsku\\b|\\bisbn\\b|\\((?:[^)]*\\b(?:remaster(?:ed)?|deluxe|edition|anniversary|expanded|remix|bonus tracks?|unabridged|abridged)\\b[^)]*)\\)|\\b(?:vinyl|paperback|hardback|hardcover|audiobook|ebook)\\b|\\b(?:apples?|cocktail|tea|sofa|chair|boots?|shoes?|sneakers?|jeans|polo|parfum|perfume|cake|salad|pizza|pasta|sauce|mix|cup|bottle|tractor|sunglasses|bag|belt|tart|biscuits?|wine|beer|whisky|gin)\\b)`, 'i');
/** The same without prices: a price alone ('Flights to Tokyo from $99') does not make a place a product. */
const PRODUCT_WORDS = new RegExp(`(?:\\d\\s?reviews?\\b|\\breviews\\b|\\bin stock\\b|\\badd to cart\\b|\\bsku\\b|\\bisbn\\b|\\((?:[^)]*\\b(?:remaster(?:ed)?|deluxe|edition|anniversary|expanded|remix|bonus tracks?|unabridged|abridged)\\b[^)]*)\\)|\\b(?:vinyl|paperback|hardback|hardcover|audiobook|ebook)\\b|\\b(?:apples?|cocktail|tea|sofa|chair|boots?|shoes?|sneakers?|jeans|polo|parfum|perfume|cake|salad|pizza|pasta|sauce|mix|cup|bottle|tractor|sunglasses|bag|belt|tart|biscuits?|wine|beer|whisky|gin)\\b)`, 'i');

const TOKEN = /[\p{L}\p{M}][\p{L}\p{M}'’.-]*/gu;
interface Token { text: string; lower: string; start: number; end: number }

function tokens(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let t = m[0];
    // "Dr." keeps its dot, and so does a middle initial before a name ("Tom I. Holzman"); "Smith." at a sentence end does not.
    const initial = t.length === 2 && t[1] === '.' && /^\p{Lu}\.$/u.test(t) && /^ \p{Lu}\p{Ll}/u.test(text.slice(m.index + 2, m.index + 5));
    if (t.endsWith('.') && !initial && !TITLES.includes(t.slice(0, -1).toLowerCase())) t = t.slice(0, -1);
    out.push({ text: t, lower: t.toLowerCase(), start: m.index, end: m.index + t.length });
  }
  return out;
}

// Scripts without case (Han, kana) count as capitalised: a name there has no other mark.
/** A cue word, title or greeting ("Dr." and "dr" alike): never part of a name. */
const isCue = (t: Token): boolean => CUE_WORDS.has(t.lower) || CUE_WORDS.has(t.lower.replace(/\.$/, ''));
const isCapitalised = (t: Token): boolean => /^[\p{Lu}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(t.text);
const isName = (t: Token): boolean => isFirst(t.lower) || isLast(t.lower);
/** Only spaces (one line) between two tokens. */
const adjacent = (text: string, a: Token, b: Token): boolean => /^ {1,2}$/.test(text.slice(a.end, b.start));

const cueRe = (words: readonly string[], tail: string): RegExp => new RegExp(`(?<![${L}])(?:${cueAlternation(words)})${tail}`, 'giu');
const PERSON_CUE = cueRe(CUES.person.filter((c) => !c.includes(' ')), '\\s*[:：]\\s*');
// Phrases ("sent from", "gesendet von", "assigned to") need no colon.
const PERSON_PHRASE = cueRe(CUES.person.filter((c) => c.includes(' ')), '[ ]*[:：]?[ ]*');
const GREETING_CUE = cueRe(GREETINGS, ',?[ \\t]+');
// A one-word cue needs its colon ("City: Lyon", not "Old Town\tPlatform 13"); a phrase does not ("lives in Lyon").
const PLACE_CUE = new RegExp(`${cueRe(CUES.place.filter((c) => !c.includes(' ')), '[ \\t]*[:：][ \\t]*').source}|${cueRe(CUES.place.filter((c) => c.includes(' ')), '[ ]*[:：]?[ ]*').source}`, 'giu');
const ORG_CUE = new RegExp(`${cueRe(ORG_CUES.filter((c) => !c.includes(' ')), '[ \\t]*[:：][ \\t]*').source}|${cueRe(ORG_CUES.filter((c) => c.includes(' ')), '[ ]*[:：]?[ ]*').source}`, 'giu');
const mayHavePersonCue = cueGate([...CUES.person, ...GREETINGS]);
const mayHavePlaceCue = cueGate(CUES.place);
const mayHaveOrgCue = cueGate(ORG_CUES);
/** All three at once: most strings hold no cue, and one scan says so. */
const mayHaveAnyCue = cueGate([...CUES.person, ...GREETINGS, ...CUES.place, ...ORG_CUES]);
const CASELESS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CHAT_LINE = /^[ \t]*([\p{Ll}][\p{Ll}\p{M}]{1,20}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,6})(?=:\s)/gmu;
// Legal forms, compared without their dots and spaces ("S.p.A." → spa, "V.O.F." → vof, "z o.o." → zoo).
const LEGAL_FORMS = new Set(['inc', 'corp', 'llc', 'llp', 'ltd', 'plc', 'gmbh', 'ag', 'kg', 'ohg', 'ug', 'ev', 'gbr', 'sa', 'sas', 'sarl', 'sàrl', 'eurl', 'sasu', 'sca', 'snc', 'ei', 'spa', 'srl', 'srls', 'sapa', 'bv', 'nv', 'vof', 'cv', 'zoo', 'spzoo', 'sc', 'ab', 'hb', 'kb', 'kommanditbolag', 'handelsbolag', 'aktiebolag', 'aş', 'as', 'ltda', 'sl', 'slu', 'sau', 'cia', 'eireli', 'oy', 'oyj', 'asa', 'aps', 'a/s', 'kft', 'zrt', 'sro', 'pty', 'limited', 'group', 'holding', 'holdings', 'partners', 'associates', 'industries', 'enterprises', 'solutions', 'systems', 'technologies', 'asociados', 'associati', 'associés', 'gruppe', 'groupe', 'grupo', 'gruppo', 'söhne', 'fils', 'figli', 'hijos', 'filhos', 'sons']);
const LEGAL_TAIL_CUE = /\b(?:figli|asociados|cía|hijos|filhos|söhne|fils|sons|co|cie)\b/i;
/** Legal forms written as words after the names: "e figli", "y Asociados", "& Sons". */
const LEGAL_TAIL = /^,? (?:e figli|y asociados|y cía\.?|e hijos|e filhos|und söhne|et fils|& sons|and sons|& co\.?|& cie\.?)(?![\p{L}])/iu;
const isLegalForm = (raw: string): boolean => {
  if (raw.length > 16) return false;
  const lower = raw.toLowerCase();
  return LEGAL_FORMS.has(/[.\s]/.test(lower) ? lower.replace(/[.\s]/g, '') : lower);
};
const CONNECTOR = new Set(['-', '–', '&', ',', 'and', 'und', 'et', 'e', 'y', 'i', 'en', 'och', 've', 'a', 'oraz']);

/** The run of capitalised words (with particles and connectors) that starts at token i. */
function capitalisedRun(text: string, ts: Token[], i: number, max: number, connectors = false): [number, number] | null {
  if (!ts[i] || !isCapitalised(ts[i]!) || isCue(ts[i]!) || PRONOUNS.test(ts[i]!.lower)) return null;
  let j = i;
  while (j + 1 < ts.length && j - i < max) {
    const next = ts[j + 1]!;
    const gap = text.slice(ts[j]!.end, next.start);
    // A line break never joins two names ("Hi Thijs,\nBest regards" is no firm).
    const joinable = /^ {1,2}$/.test(gap) || (connectors && /^ ?[,&–-] ?$|^ (?:and|und|et|e|y|i|en|och|ve) $/i.test(gap));
    if (!joinable) break;
    if (isCapitalised(next) && !isCue(next)) j++;
    else if ((PARTICLES.has(next.lower) || (connectors && CONNECTOR.has(next.lower))) && ts[j + 2] && isCapitalised(ts[j + 2]!) && /^ {1,2}$/.test(text.slice(next.end, ts[j + 2]!.start))) j += 2;
    else break;
  }
  return [i, j];
}

/** Signals of a product card: a price, ratings, stock and delivery, a book's formats, an SKU. */
const CARD_SIGNALS = [/[$€£¥]\s?\d|\d\s?(?:€|EUR|USD|kr|zł|TL)\b/, /★|\d\s?reviews?\b|\bratings?\b/i, /\b(?:in stock|add to (?:cart|basket)|free delivery|dispatched|ships in|out of stock)\b/i,
  /\b(?:isbn|paperback|hardback|hardcover|ebook|audiobook)\b/i, /\bsku\b/i];
/** The first line of a short text with two signals of a product card is a product's name, not a person's or a place's. */
function productTitle(text: string, start: number): boolean {
  if (text.length > 600 || text.lastIndexOf('\n', start - 1) >= 0) return false;
  let n = 0;
  for (const re of CARD_SIGNALS) if (re.test(text) && ++n >= 2) return true;
  return false;
}

function notAPerson(text: string, start: number, end: number): boolean {
  if (productTitle(text, start)) return true;
  const line = lineAround(text, start, end).toLowerCase();
  const span = text.slice(start, end).toLowerCase();
  // A one-word brand ("Nike") blocks only itself; a collocation ("Stan Smith") blocks any name inside it.
  return NOT_PEOPLE.some((p) => line.includes(p) && (p.includes(' ') ? blocksName(p, span) : span === p)) || PRODUCT_CONTEXT.test(line);
}

/**
 * Does a collocation (lowercase, "santa claus", "stan smith") block the (lowercase) span? When the span lies
 * inside it, or holds it with nothing but ordinary words beside ("Stan Smith sneakers", "Earl Grey tea"); not when
 * a name's word goes with it ("Santa Claus Moreno": Santa and Claus are given names, and Moreno is no word).
 */
function blocksName(collocation: string, span: string): boolean {
  if (collocation.includes(span)) return true;
  const at = span.indexOf(collocation);
  if (at < 0) return false;
  const rest = `${span.slice(0, at)} ${span.slice(at + collocation.length)}`;
  return !tokens(rest).some((t) => t.text.length >= 2 && !isCommonWord(t.lower) && !CUE_WORDS.has(t.lower));
}

/** Text that holds an e-mail address or a phone/e-mail label: a contact card, whose bare lines are names. */
const CONTACT_BLOCK = /@[\w-]+\.\w|(?:^|\n)[^\n]{0,24}\b(?:phone|tel|telefon|téléphone|teléfono|telefono|telefone|telefoon|e-?mail|e-?post|e-?posta|correo|mēru|denwa)\b/iu;
/** 2–3 capitalised words (with particles) at a line start; caseless scripts too (拓海 吉沢). */
const LINE_START_NAME = /(?:^|\n)[ \t]*((?:\p{Lu}[\p{Ll}\p{M}'’-]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,4})(?: (?:(?:van der|van den|van de|de la|van|von|de|da|del|della|di|du|dos|das|le|la|ter|ten|ní|bin|al) )?(?:\p{Lu}[\p{Ll}\p{M}'’-]+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,4})){1,2})(?=[ \t]*(?:\n|$|[,·—–|]))/gu;
const BIRTH_WORD = new RegExp(`^\\s*[,·—–|-]?\\s*(?:${cueAlternation(CUES.birth_date)})`, 'iu');

/** Roles and departments: a record line's head ("Procurement (…)") or a chat speaker ("Support: …") names no one. */
const JOB_WORDS = new Set(['support', 'admin', 'administrator', 'system', 'bot', 'agent', 'team', 'sales', 'marketing', 'procurement', 'finance', 'legal', 'hr', 'it',
  'operations', 'engineering', 'product', 'design', 'manager', 'director', 'ceo', 'cfo', 'cto', 'coo', 'buyer', 'moderator', 'host', 'guest', 'user', 'you', 'me',
  'error', 'warning', 'info', 'debug', 'note', 'tip', 'update', 'status', 'q', 'a', 'question', 'answer', 'reply', 'server', 'client', 'assistant', 'customer service']);

/** Forms of address that name no one: "Thanks, Doc", "Cheers, Mate", "Hi all", "Hey Ya". */
const ADDRESS_WORDS = new Set(['doc', 'mate', 'buddy', 'pal', 'dude', 'bro', 'sis', 'sir', 'madam', "ma'am", 'boss', 'chief', 'folks', 'guys', 'all', 'everyone',
  'everybody', 'team', 'friend', 'friends', 'darling', 'honey', 'sweetie', 'love', 'ya', 'y’all', "y'all", 'you', 'there', 'world', 'doctor',
  'officer', 'captain', 'nurse', 'teacher', 'coach', 'sergeant', 'professor', 'mister', 'ladies', 'gentlemen', 'kid', 'kids', 'son', 'dear']);

/** Pronouns and their contractions: "I've shared files" names no one. */
const PRONOUNS = /^(?:i|i['’](?:m|ve|d|ll)|we|we['’](?:re|ve|d|ll)|you|you['’](?:re|ve|d|ll)|he|he['’](?:s|d|ll)|she|she['’](?:s|d|ll)|they|they['’](?:re|ve|d|ll)|it|it['’]s|let['’]s|there['’]s|here['’]s|that['’]s|what['’]s|who['’]s)$/;

/** Nouns of a job title ("Senior Counsel", "Cable line installer"): such a line is a role, not a company. */
const ROLE_WORDS = new Set(['counsel', 'engineer', 'officer', 'head', 'lead', 'designer', 'developer', 'consultant', 'analyst', 'assistant', 'specialist',
  'coordinator', 'representative', 'executive', 'president', 'vice', 'associate', 'intern', 'architect', 'scientist', 'accountant', 'attorney', 'lawyer',
  'nurse', 'teacher', 'professor', 'clerk', 'driver', 'installer', 'controller', 'administrator', 'supervisor', 'technician', 'agent', 'producer', 'editor',
  'writer', 'operator', 'planner', 'strategist', 'manager', 'director', 'chief', 'founder', 'owner', 'partner', 'secretary', 'treasurer', 'advisor', 'adviser']);

/** A line that starts an address: a house number and a word, a PO box, a military address, a street corner. */
const STREETISH = /^(?:\d{1,6}[A-Za-z]?[ ,]+[\p{L}]|(?:p\.? ?o\.? box|psc|unit|the corner of)\b)/iu;
/** A company's line: capitalised words (and "and", "&", "of", commas between them), no digit, at most six words. */
const COMPANY_LINE = /^\p{Lu}[\p{L}\p{M}'’.-]*(?:,?[ ](?:and|&|of|the|und|et|y|e|i)?[ ]?\p{Lu}[\p{L}\p{M}'’.-]*){0,5}$/u;

/** A line that is a job title: title-case words ending in a role noun. */
const JOB_TITLE = /^[\p{Lu}][\p{L}\p{M}]*(?: [\p{Lu}][\p{L}\p{M}]*){0,4} (?:Manager|Engineer|Director|Officer|Liaison|Producer|Facilitator|Architect|Developer|Assistant|Consultant|Specialist|Analyst|Coordinator|Administrator|Representative|Strategist|Technician|Designer|Agent|Associate|Supervisor|Executive|Planner|Orchestrator|Agent|Designer|Lead|Head|Officer)$/u;

/**
 * The line around a span, at most LINE_REACH characters either side: checked once per candidate, so a page-long
 * line without breaks must not be read whole for each (that was quadratic).
 */
const LINE_REACH = 240;
function lineAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - LINE_REACH);
  const a = from + text.slice(from, start).lastIndexOf('\n') + 1;
  const b = text.slice(end, end + LINE_REACH).indexOf('\n');
  return text.slice(a, b < 0 ? Math.min(text.length, end + LINE_REACH) : end + b).trim();
}

/** A span inside an eponymous collocation ("Madison Avenue sofa", "Stan Smith"). */
function inCollocation(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end).toLowerCase();
  const around = text.slice(Math.max(0, start - 30), end + 30).toLowerCase();
  return NOT_PEOPLE.some((p) => p.includes(' ') && around.includes(p) && blocksName(p, span));
}

/** Grow a person span over the capitalised words beside it on its line ("Danyka" + the model's "Reilly"). */
function wholeName(text: string, span: EntitySpan): void {
  const left = /(?:^|[^\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]+ (?:(?:van der|van den|van de|de la|de los|van|von|de|da|del|della|di|du|dos|das|le|la|ter|ten|ní|nic|bin|ibn|al) )?)$/u.exec(text.slice(Math.max(0, span.start - 40), span.start));
  const first = left?.[1]?.split(' ')[0]?.toLowerCase() ?? '';
  // An owner before a name is not part of it: "Bridgewater's Parker Suknović".
  if (left && !CUE_WORDS.has(first) && !isCommonWord(first) && !/['’]s$/.test(first)) span.start -= left[1]!.length;
  // Over a middle initial too: the model's "Tom" of "Tom I. Holzman".
  const right = /^ ((?:\p{Lu}\.? )?)(\p{Lu}[\p{L}\p{M}'’-]+)(?![\p{L}\p{M}])/u.exec(text.slice(span.end, span.end + 30));
  if (right && !CUE_WORDS.has(right[2]!.toLowerCase()) && !isCommonWord(right[2]!.toLowerCase())) span.end += right[0].length;
}

/** Drop leading/trailing cue words, greetings and titles from a span; split it at dashes, pipes and line breaks. */
function tidy(text: string, span: EntitySpan): EntitySpan[] {
  const pieces: EntitySpan[] = [];
  const raw = text.slice(span.start, span.end);
  const re = /[^\n\t|—–()[\]:;]+/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    let s = span.start + m.index;
    let e = s + m[0].length;
    const ts = tokens(text.slice(s, e)).map((t) => ({ ...t, start: t.start + s, end: t.end + s }));
    let a = 0;
    let b = ts.length - 1;
    // A pronoun is no part of a name ("I'm Jaroslava P. Sedláčková", "Hello I moved").
    const edge = (t: Token): boolean => isCue(t) || (FUNCTION_WORDS.has(t.text) && t.text === t.lower) || PRONOUNS.test(t.lower);
    while (a <= b && edge(ts[a]!)) a++;
    // A lowercase ordinary word ends no name ("Ebro Datos S.L. office", "Chema Calatrava at the").
    const cased = ts.length > 0 && isCapitalised(ts[0]!);
    const lowerTail = (t: Token): boolean => cased && span.type !== 'place' && t.text === t.lower && /\p{Ll}/u.test(t.text) && !PARTICLES.has(t.lower) && !/[.]/.test(t.text);
    // In lowercase text an ordinary word ends no name either ("bertram has been").
    const plainTail = (t: Token): boolean => !cased && isCommonWord(t.lower) && !isName(t);
    while (b >= a && (edge(ts[b]!) || lowerTail(ts[b]!) || (b > a && plainTail(ts[b]!)))) b--;
    if (a > b) continue;
    s = ts[a]!.start;
    e = ts[b]!.end;
    if (e - s >= 2) pieces.push({ start: s, end: e, type: span.type });
  }
  return pieces;
}

/** Where a name ends before its possessive: "Emmie Ström's Cautionary Tales" is Emmie Ström and what she owns. */
function beforePossessive(text: string, start: number, end: number): number {
  const m = /['’]s(?![\p{L}\p{M}])/u.exec(text.slice(start, end));
  return m ? start + m.index : end;
}

/** Compass adjectives before a place ("Southern Tunisia", "Northern Poland"): the region's side, not its name. */
const COMPASS = /^(?:Southern|Northern|Eastern|Western|Central|South-Eastern|South-Western|North-Eastern|North-Western)[ ]+(?=\p{Lu})/u;
/** A list of categories ("Action & Adventure, Kids & Family"): pairs joined by '&', between commas, not a firm. */
const CATEGORY_LIST = /^\p{Lu}[\p{L}\p{M}-]* & \p{Lu}[\p{L}\p{M}-]*(?:, \p{Lu}[\p{L}\p{M}-]*(?: & \p{Lu}[\p{L}\p{M}-]*)?)+$/u;

/** A state's body or a union of states, named by its people ("the Spanish government", "the European Union"); a
 * "Czech Republic" is a country, a place. */
const PUBLIC_BODY = /^(?:union|government|parliament|commission|council|court|army|navy|embassy|consulate|ministry|senate|congress|police|authorities|presidency|crown)$/;
/** Capitalised adjectives of a people: compromise's demonyms, and those it lacks by their ending ("Spanish", "Danish"). */
const demonymLike = (w: string): boolean => isDemonym(w) || /^\p{Ll}{3,}(?:ish|ese|ian|ean)$/u.test(w);
function publicBody(text: string, t: EntitySpan): boolean {
  const ws = tokens(text.slice(t.start, t.end));
  return ws.length >= 2 && ws.length <= 4 && PUBLIC_BODY.test(ws[ws.length - 1]!.lower) && ws.slice(0, -1).every((w) => /^\p{Lu}/u.test(w.text) && demonymLike(w.lower));
}

/** The model's span that is no entity by its shape: a lowercase word in cased text, a demonym, a list of categories. */
function notAnEntity(text: string, t: EntitySpan, cased: boolean): boolean {
  const span = text.slice(t.start, t.end);
  // A proper noun is capitalised where the text capitalises: "over visa disputes" names no place.
  if (cased && !/\p{Lu}/u.test(span)) return true;
  if (t.type === 'organization' && CATEGORY_LIST.test(span)) return true;
  // "this nice new Croatian place downtown": an adjective of a people and plain words after it.
  if (t.type !== 'person') {
    const ws = tokens(span);
    if (ws.length > 0 && isDemonym(ws[0]!.lower) && ws.slice(1).every((w) => w.text === w.lower || isDemonym(w.lower))) return true;
  }
  return false;
}

/**
 * A compass adjective starts no person's or place's name; and whatever found a person, the name ends before its possessive ("Yuri Bulgakov's Cautionary Tales"); a capitalised
 * name after it is a person of its own ("Bridgewater's Parker Suknović").
 */
function trimEdges(text: string, out: EntitySpan[]): EntitySpan[] {
  for (const p of [...out]) {
    const compass = p.type !== 'organization' ? COMPASS.exec(text.slice(p.start, p.end)) : null;
    if (compass) p.start += compass[0].length;
    if (p.type !== 'person') continue;
    const cut = beforePossessive(text, p.start, p.end);
    if (cut === p.end) continue;
    const after = tokens(text.slice(cut + 2, p.end)).map((t) => ({ ...t, start: t.start + cut + 2, end: t.end + cut + 2 }));
    if (after.some(isName)) out.push({ start: after[0]!.start, end: p.end, type: 'person' });
    p.end = cut;
  }
  return out;
}

/**
 * A place's district letter and postcode after it ("in København K 1421 in its mission"), or a district's number
 * before punctuation ("in Cheb 2, which"); a year is neither ("Paris 2024").
 */
function placeCodes(text: string, out: EntitySpan[]): void {
  for (const p of out) {
    if (p.type !== 'place' || !/^ [\p{Lu}\d]/u.test(text.slice(p.end, p.end + 2))) continue;
    const code = /^(?: \p{Lu})?(?: \d{4,5}(?:-\d{3})?(?![\d.,:/-]?\d)| \d{1,2}(?=[,.;)]|$))/u.exec(text.slice(p.end, p.end + 16));
    if (code && !/ (?:19|20)\d\d$/.test(code[0])) p.end += code[0].length;
  }
}

/** A double-barrelled name is one name: a span grows over the capitalised word hyphened to it ("Weeks-Rivas"). */
function wholeBarrels(text: string, out: EntitySpan[]): void {
  for (const p of out) {
    if (p.type === 'place') continue;
    const left = /(?<![\p{L}\p{M}-])\p{Lu}[\p{L}\p{M}'’]+-$/u.exec(text.slice(Math.max(0, p.start - 30), p.start));
    if (left) p.start -= left[0].length;
    const right = /^-\p{Lu}[\p{L}\p{M}'’]+(?![\p{L}\p{M}-])/u.exec(text.slice(p.end, p.end + 30));
    if (right) p.end += right[0].length;
  }
}

/**
 * Three names found one by one in a firm's shape, "Marshall, Hernandez and Simpson": one name each, joined by a
 * comma and "and" (or "&"), are a firm's name whole, so its commas and "and" go with it.
 */
const FIRM = /(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]+), (\p{Lu}[\p{L}\p{M}'’-]+),? (?:and|&) (\p{Lu}[\p{L}\p{M}'’-]+)(?![\p{L}\p{M}])/gu;
function joinFirms(text: string, out: EntitySpan[]): void {
  if (!text.includes(', ') || !/ (?:and|&) /.test(text)) return;
  // reach[i]: the farthest end of a person's or firm's span starting at or before i; one pass, so a long list stays linear.
  const reach = new Int32Array(text.length + 1).fill(-1);
  for (const p of out) if (p.type !== 'place' && p.start <= text.length) reach[p.start] = Math.max(reach[p.start]!, p.end);
  for (let i = 1; i <= text.length; i++) reach[i] = Math.max(reach[i]!, reach[i - 1]!);
  const covered = (a: number, b: number): boolean => reach[a]! >= b;
  FIRM.lastIndex = 0;
  for (let m = FIRM.exec(text); m; m = FIRM.exec(text)) {
    const a = m.index;
    const b = a + m[1]!.length + 2;
    const c = a + m[0].length - m[3]!.length;
    if (covered(a, a + m[1]!.length) && covered(b, b + m[2]!.length) && covered(c, a + m[0].length)) out.push({ start: a, end: a + m[0].length, type: 'organization' });
  }
}

/** Marks of structure that rules read: line breaks, cells, colons, brackets, lists, e-mail addresses, quotes, dashes. */
const STRUCTURE = /[\n\t:：|<>@()[\]{},;·—–"“”]/;
/**
 * A short string with at most one word and no mark of structure: most strings of a page ("Buy", "Item 12.3",
 * "$9.99", the "r0i0" of "#r0i0"; a lowercase letter alone is no word). The cue, structure and firm rules all need a
 * second word, a legal form or such a mark, so for these only the model's view is read: a few regex tests instead of
 * a dozen scans.
 */
function loneWord(text: string): boolean {
  if (text.length > 48 || STRUCTURE.test(text)) return false;
  // Printable ASCII (most page strings) is read by char codes; other text by the token pattern, which knows scripts.
  if (!PRINTABLE_ASCII.test(text)) return !CASELESS.test(text) && loneToken(text);
  let word: string | null = null;
  for (let i = 0; i < text.length;) {
    if (!isAsciiLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    for (i++; i < text.length && (isAsciiLetter(text.charCodeAt(i)) || "'.-".includes(text[i]!)); i++);
    // A lowercase letter alone ("r0i0") is no word; a capital alone may be an initial ("Elita B").
    if (i - start < 2 && text.charCodeAt(start) >= 97) continue;
    if (word !== null) return false;
    word = text.slice(start, i);
  }
  return word === null || !isLegalForm(word);
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** loneWord for any script: the tokens the rules read. */
function loneToken(text: string): boolean {
  let word: string | null = null;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m[0].length < 2 && m[0] === m[0].toLowerCase()) continue;
    if (word !== null) return false;
    word = m[0];
  }
  return word === null || !isLegalForm(word);
}

/**
 * A name found once names the same person where its word comes again alone: "… the verses from Ström's Cautionary
 * Tales … than early Ström?", "Kaczmarek wrote … Kaczmarek was". A word of a person's span (capitalised, 3+ letters,
 * no ordinary word, cue or public brand) is a person wherever it stands outside a span. One pass over the tokens.
 */
function laterMentions(text: string, out: EntitySpan[]): void {
  const words = new Set<string>();
  const cased = /\p{Lu}/u.test(text);
  for (const p of out) {
    if (p.type !== 'person') continue;
    for (const t of tokens(text.slice(p.start, p.end))) {
      // In text written without capitals a name is lowercase too ("my name is borna … everyone calls me borna").
      if (t.text.length >= 3 && (/^\p{Lu}/u.test(t.text) || !cased) && !isCommonWord(t.lower) && !CUE_WORDS.has(t.lower) && !PUBLIC_SERVICES.has(t.lower) && !NOT_PEOPLE.includes(t.lower)) words.add(t.text);
    }
  }
  if (words.size === 0) return;
  const spans = [...out].sort((a, b) => a.start - b.start);
  let k = 0;
  let reach = -1;
  for (const t of tokens(text)) {
    while (k < spans.length && spans[k]!.start <= t.start) reach = Math.max(reach, spans[k++]!.end);
    if (reach > t.start || !words.has(t.text)) continue;
    out.push({ start: t.start, end: t.end, type: 'person' });
  }
}

/**
 * First names listed, in lowercase or capitalised ("they had 6: silvana, adam, christopher, kristina, chad and caleb",
 * "They had 6: Ionne, Euridice, Terzo, Fuscolo, Venera and Verena"): four items or
 * more, each one word, three in four known first names and none an ordinary word that is no name ("faith, hope and
 * charity" has three; "apples, pears, plums and figs" none). The list is matched without backtracking into it
 * (each item after ", "), and its last item after "and" is read apart: linear. First names are the lexicon's and compromise's.
 */
const LOWER_LIST = /(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]+(?:, \p{Ll}[\p{Ll}\p{M}]+)+|(?<![\p{L}\p{M}])\p{Lu}[\p{Ll}\p{M}]+(?:, \p{Lu}[\p{Ll}\p{M}]+)+/gu;
const LIST_TAIL = /^,? (?:and|&|or) (\p{L}[\p{Ll}\p{M}]+)(?![\p{L}\p{M}])/u;
function lowercaseNameList(text: string, out: EntitySpan[]): void {
  if (!text.includes(', ') || !/\p{Ll}, \p{L}/u.test(text)) return;
  LOWER_LIST.lastIndex = 0;
  for (let m = LOWER_LIST.exec(text); m; m = LOWER_LIST.exec(text)) {
    const items: { start: number; end: number; word: string }[] = [];
    let at = m.index;
    for (const word of m[0].split(', ')) {
      items.push({ start: at, end: at + word.length, word });
      at += word.length + 2;
    }
    const end = m.index + m[0].length;
    const tail = LIST_TAIL.exec(text.slice(end, end + 40));
    if (tail) items.push({ start: end + tail[0].length - tail[1]!.length, end: end + tail[0].length, word: tail[1]! });
    if (items.length < 4) continue;
    // Names that are words too ("grace", "hope", "rose") count once at most: a list of virtues or flowers is none.
    const known = (w: string): boolean => isFirst(w.toLowerCase()) || isKnownFirstName(w.toLowerCase());
    const first = items.filter((x) => known(x.word)).length;
    const common = (w: string): boolean => isCommonWord(w.toLowerCase());
    // A count before the colon that is the list's length ("they had 6: …" and six items) lets half do.
    const counted = new RegExp(`(?:^|[^\\d])${items.length}[ ]?[:：][ ]*$`).test(text.slice(Math.max(0, m.index - 12), m.index));
    if (first * (counted ? 2 : 4) < items.length * (counted ? 1 : 3)) continue;
    if (items.filter((x) => common(x.word)).length > 1 || items.some((x) => !known(x.word) && common(x.word))) continue;
    if (items.some((x) => PUBLIC_SERVICES.has(x.word.toLowerCase()) || NOT_PEOPLE.includes(x.word.toLowerCase()))) continue;
    for (const x of items) out.push({ start: x.start, end: x.end, type: 'person' });
  }
}

/**
 * Text written all in lowercase names people in lowercase too: after a phrase that names ("people call me višeslav",
 * "my name is selma") a known first name or a word no English word spells, and at a sentence's start a known first name before what
 * people do ("selma is from …", "anna lives in …"). Capitalised text has its own rules; this reads only caseless writing.
 */
const LOWER_NAMED = /(?<![\p{L}\p{M}])(?:(call me|calls me|called me|my name is|my name's|maiden name is|maiden name was|name is|named)[ ](?:(?:dr|mr|mrs|ms|prof)\.?[ ])?|(?<!\d[ ]?)(?:dr|mr|mrs|ms|mx|prof)\.[ ])([\p{Ll}][\p{Ll}\p{M}'’-]+)(?:[ ]([\p{Ll}][\p{Ll}\p{M}'’-]+))?(?![\p{L}\p{M}])/gu;
/** A known first name, a middle initial perhaps, and a word no dictionary knows: "follow up with patricia desrosiers". */
const LOWER_FULL = /(?<![\p{L}\p{M}'’-])([\p{Ll}][\p{Ll}\p{M}]+)[ ](?:(\p{Ll})\.?[ ])?([\p{Ll}][\p{Ll}\p{M}'’-]*[\p{Ll}\p{M}])(?![\p{L}\p{M}'’-])/gu;
/** The first line of a block of three lines or more: a word, a middle initial and a word, in lowercase. */
const LOWER_HEAD = /^[ \t>]*(?:(?:>|\?{3})[ \t]*)?(\p{Ll}[\p{Ll}\p{M}'’-]+) \p{Ll}\.? (\p{Ll}[\p{Ll}\p{M}'’-]*\p{Ll})(?=[ \t]*\n[^\n]*\S[^\n]*\n[^]*\S)/u;
/** Words a dictionary knows under an ending ("lives", "moved", "speaking", "quickly") are no surnames, unless known ones ("kelly"). */
const inflected = (w: string): boolean => ordinary(w) || (!isLast(w) && (/(?:ing|ly|ed)$/.test(w) || (/[sdr]$/.test(w) && [1, 2, 3].some((k) => isCommonWord(w.slice(0, -k))))));
const LOWER_SUBJECT = /(?:^|[.!?]\s+|\n)([\p{Ll}][\p{Ll}\p{M}'’-]+)[ ](?=(?:is from|was from|lives|lived|works|worked|was born|grew up|moved|began|started|said|says|told|wrote|asked|called)(?![\p{L}\p{M}]))/gu;
function lowercaseNamed(text: string, out: EntitySpan[]): void {
  LOWER_NAMED.lastIndex = 0;
  for (let m = LOWER_NAMED.exec(text); m; m = LOWER_NAMED.exec(text)) {
    const w = m[2]!;
    // A known first name, or a word with letters outside ASCII ("višeslav"): "people call me crazy" names no one,
    // and the lexicon of ordinary words does not hold every adjective. After "my name is" or a title ("mr. elliott")
    // any word no dictionary knows is a name ("my name is vitoria").
    const sure = m[1] === undefined || m[1] === 'my name is' || m[1] === "my name's" || m[1].startsWith('maiden');
    if (!(isFirst(w) || isKnownFirstName(w) || /[^ -~]/.test(w) || (sure && !inflected(w))) || isCommonWord(w) || CUE_WORDS.has(w) || PRONOUNS.test(w)) continue;
    // A surname after it, when it is no ordinary word ("my name is dr. helene johannessen").
    const sur = m[3] && !isCommonWord(m[3]) && !CUE_WORDS.has(m[3]) && !FUNCTION_WORDS.has(m[3]) && !inflected(m[3]) ? m[3] : null;
    const start = m.index + m[0].length - (m[3] ? m[3].length + 1 : 0) - w.length;
    out.push({ start, end: start + w.length + (sur ? sur.length + 1 : 0), type: 'person' });
  }
  // A block's first line, two words with a middle initial between them ("leidy t muris\nlabor relations director\n…").
  const head = LOWER_HEAD.exec(text);
  // (The quoting before the name holds no letter, so the first word's index is the name's start.)
  if (head && !isCommonWord(head[1]!) && !inflected(head[2]!) && !CUE_WORDS.has(head[2]!)) out.push({ start: head.index + head[0].indexOf(head[1]!), end: head.index + head[0].length, type: 'person' });
  LOWER_FULL.lastIndex = 0;
  for (let m = LOWER_FULL.exec(text); m; m = LOWER_FULL.exec(text)) {
    const [w, initial, sur] = [m[1]!, m[2], m[3]!];
    // Read again from the second word: "with patricia desrosiers" is tried at "with" first.
    LOWER_FULL.lastIndex = m.index + w.length + 1;
    if (!(isFirst(w) || isKnownFirstName(w)) || isCommonWord(w) || CUE_WORDS.has(w) || PRONOUNS.test(w)) continue;
    if (sur.length < 3 || inflected(sur) || CUE_WORDS.has(sur) || FUNCTION_WORDS.has(sur) || PARTICLES.has(sur) || PRONOUNS.test(sur) || NOT_PLACES.has(sur)) continue;
    if (initial && (FUNCTION_WORDS.has(initial) || initial === 'a') && !isFirst(w)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, type: 'person' });
  }
  LOWER_SUBJECT.lastIndex = 0;
  for (let m = LOWER_SUBJECT.exec(text); m; m = LOWER_SUBJECT.exec(text)) {
    const w = m[1]!;
    if (!(isFirst(w) || isKnownFirstName(w)) || isCommonWord(w) || PRONOUNS.test(w)) continue;
    const start = m.index + m[0].length - w.length - 1;
    out.push({ start, end: start + w.length, type: 'person' });
  }
}

/**
 * In text written without capitals, the words after a person's label ("name:    hyuuma t. maida", "customer: john
 * smith"): up to four, initials and particles among them, none an ordinary word (unless a known name), a cue or a
 * word under an ending ("name: required" stays).
 */
function lowercaseAfterCue(text: string, out: EntitySpan[]): void {
  PERSON_CUE.lastIndex = 0;
  for (let m = PERSON_CUE.exec(text); m; m = PERSON_CUE.exec(text)) {
    const at = m.index + m[0].length;
    const run = /^[\p{Ll}][\p{Ll}\p{M}'’.-]*(?:[ ][\p{Ll}][\p{Ll}\p{M}'’.-]*){0,3}/u.exec(text.slice(at, at + 80))?.[0] ?? '';
    let end = 0;
    let named = false;
    for (const w of run.split(' ')) {
      const word = w.replace(/\.$/, '');
      const initial = /^\p{Ll}$/u.test(word);
      const known = isFirst(word) || isLast(word) || isKnownFirstName(word);
      if (!initial && !PARTICLES.has(word) && (word.length < 2 || (inflected(word) && !known) || CUE_WORDS.has(word) || FUNCTION_WORDS.has(word))) break;
      named ||= !initial && !PARTICLES.has(word);
      end += (end ? 1 : 0) + w.length;
    }
    // A trailing dot is a sentence's end, not an initial's ("name: jan.").
    const span = text.slice(at, at + end).replace(/\.$/, '');
    if (named && span.length >= 2) out.push({ start: at, end: at + span.length, type: 'person' });
  }
}

/** The first index below `n` where `after` holds, by halving (`after` is false up to some index, true from it on); `n` when none. */
function firstAfter(n: number, after: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether one of `spans` covers [start, end): the furthest end among those starting at or before `start`, by halving. */
function covers(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const p of sorted) reach.push(Math.max(p.end, reach[reach.length - 1] ?? -1));
  return (start, end) => {
    const lo = firstAfter(sorted.length, (i) => sorted[i]!.start > start);
    return lo > 0 && reach[lo - 1]! >= end;
  };
}

export class CuedEntityRecognizer implements EntityRecognizer {
  constructor(private readonly base: EntityRecognizer | null) {}

  find(text: string, types: readonly EntityType[]): EntitySpan[] {
    const found = this.findSpans(text, types);
    if (found.length === 0) return found;
    const out = trimEdges(text, found);
    if (out.length > 0) {
      wholeBarrels(text, out);
      placeCodes(text, out);
      if (types.includes('organization')) joinFirms(text, out);
      if (types.includes('person')) laterMentions(text, out);
    }
    return out;
  }

  private findSpans(text: string, types: readonly EntityType[]): EntitySpan[] {
    if (types.length === 0 || text.length < 2 || !/\p{L}/u.test(text)) return [];
    loadLexicon();
    const out: EntitySpan[] = [];
    const cased = /\p{Lu}/u.test(text);
    const lone = loneWord(text);
    for (const s of this.base?.find(text, types) ?? []) {
      // A public body of a state is nobody's personal data, whole or tidied to its adjective ("Spanish").
      if (s.type !== 'person' && publicBody(text, s)) continue;
      for (const t of tidy(text, s)) {
        if (notAnEntity(text, t, cased)) continue;
        if (t.type === 'person' && notAPerson(text, t.start, t.end)) continue;
        if (t.type !== 'person' && inCollocation(text, t.start, t.end)) continue;
        // A product's line ("Boston fern in ceramic pot — $12", "Abbey Road (Remastered 2019)") names no place or firm.
        if (t.type !== 'person' && (PRODUCT_WORDS.test(lineAround(text, t.start, t.end)) || productTitle(text, t.start))) continue;
        // A job title ("Human Applications Manager") or a product's API ("Cloudflare API token") names no one.
        if (JOB_TITLE.test(lineAround(text, t.start, t.end)) || (t.type === 'organization' && /^ (?:API|SDK|app|account|key|token)\b/i.test(text.slice(t.end, t.end + 8)))) continue;
        // An acronym or code alone ("YYZ", "SKU") is not a name or a place.
        if (/^[\p{Lu}\d]{2,5}[-.]?$/u.test(text.slice(t.start, t.end))) continue;
        // The model's span in ordinary words only ("Remember me") is not a name.
        if (tokens(text.slice(t.start, t.end)).every((x) => isCommonWord(x.lower) || x.lower.length < 3)) continue;
        if (t.type === 'person') wholeName(text, t);
        // A global brand named alone ("Google Maps is not available") is public, not a person's employer.
        if (t.type !== 'person' && (NOT_PEOPLE.includes(text.slice(t.start, t.end).toLowerCase()) || PUBLIC_SERVICES.has(text.slice(t.start, t.end).toLowerCase()))) continue;
        // A country is no one's address on its own ("English (United Kingdom)", a country line under an address).
        if (t.type === 'place' && (isCountry(text.slice(t.start, t.end)) || NOT_PLACES.has(text.slice(t.start, t.end).toLowerCase()) || /^(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\//.test(text.slice(t.start, t.end + 1)))) continue;
        out.push(t);
      }
    }
    // Every rule below needs a second word or a mark of structure: a lone word was the model's to find.
    if (lone) return out;
    const ts = tokens(text);
    // A company by its legal form ("Kearney Whitlam Pty. Ltd.", "Pietrzyk Budownictwo sp. z o.o."), whatever else the text holds.
    if (types.includes('organization')) {
      for (const o of findLegalNames(text, (w) => LABEL_WORDS.has(w.toLowerCase()))) out.push({ ...o, type: 'organization' });
      // Without a legal form, by what the sentence says of it ("Betterlesson is a 501(c)3", "Verdafero is the brainchild
      // of …"): a name holds a word that is no ordinary vocabulary, and is no pronoun, public brand or country.
      for (const o of contextualOrgs(text)) {
        const run = tokens(text.slice(o.start, o.end));
        if (run.length === 0 || PRONOUNS.test(run[0]!.lower) || /^(?:the|this|that|these|those|our|my|your|their|his|her|its|a|an)$/.test(run[0]!.lower)) continue;
        if (run.every((x) => ordinary(x.lower) && !isName(x)) || run.some((x) => LABEL_WORDS.has(x.lower) || JOB_WORDS.has(x.lower))) continue;
        const name = text.slice(o.start, o.end).toLowerCase();
        if (PUBLIC_SERVICES.has(name) || NOT_PEOPLE.includes(name) || isCountry(name)) continue;
        out.push({ ...o, type: 'organization' });
      }
    }
    if (types.includes('person')) {
      // Where the page puts a person: chat lines, mail headers, sign-offs, labels above, record lines, naming phrases.
      for (const c of structuralPeople(text)) {
        const run = tokens(text.slice(c.start, c.end)).map((t) => ({ ...t, start: t.start + c.start, end: t.end + c.start }));
        // Titles and cue words at the edges go ("Dr." stays outside, "Dear" is no part of the name).
        while (run.length > 0 && (isCue(run[0]!) || LABEL_WORDS.has(run[0]!.lower) || (PARTICLES.has(run[0]!.text) && run[0]!.text === run[0]!.lower))) run.shift();
        while (run.length > 0 && (isCue(run[run.length - 1]!) || LABEL_WORDS.has(run[run.length - 1]!.lower))) run.pop();
        if (run.length === 0) continue;
        // A name holds a word that is no ordinary vocabulary (or is a known name); "Park Avenue", "Old Town" do not,
        // unless a title or a speaker's place says so ("Mrs. Baker", "Park: …").
        if (!c.strong && run.every((x) => (isCommonWord(x.lower) || x.lower.length < 2) && !isName(x))) continue;
        if (c.known && !run.some(isName)) continue;
        // A form of address called is no one ("Thank you, Doctor!", "Thanks, Mate").
        if (run.length === 1 && ADDRESS_WORDS.has(run[0]!.lower)) continue;
        // A middle initial ("Juliusz A Kwiatkowski", "Tom I. Holzman") is no word or pronoun.
        const initial = (x: Token, k: number): boolean => k > 0 && k < run.length - 1 && /^\p{Lu}\.?$/u.test(x.text);
        // A service's word first, before a surname, is a given name ("Visa Mehta", "Siri Larsen", "Alexa Smith"): Visa,
        // Siri and Alexa are given names too; "Visa Platinum", "Google Docs" end in an ordinary word.
        const last = run[run.length - 1]!;
        const givenName = (k: number): boolean => k === 0 && run.length > 1 && !isCommonWord(last.lower) && !PUBLIC_SERVICES.has(last.lower);
        if (run.some((x, k) => !initial(x, k) && (LABEL_WORDS.has(x.lower) || JOB_WORDS.has(x.lower) || NOT_PLACES.has(x.lower) || (PUBLIC_SERVICES.has(x.lower) && !givenName(k)) || NOT_PEOPLE.includes(x.lower) || PRONOUNS.test(x.lower)))) continue;
        if (isCountry(text.slice(run[0]!.start, run[run.length - 1]!.end))) continue;
        const start = run[0]!.start;
        const end = run[run.length - 1]!.end;
        if (notAPerson(text, start, end) || inCollocation(text, start, end)) continue;
        out.push({ start, end, type: 'person' });
      }
    }
    // Places after a preposition of being or going, and fields of a record line.
    if (types.includes('place')) {
      for (const c of structuralPlaces(text)) {
        c.end = beforePossessive(text, c.start, c.end);
        const run = tokens(text.slice(c.start, c.end));
        if (run.every((x) => ordinary(x.lower) && !isName(x)) || run.some((x) => LABEL_WORDS.has(x.lower) || NOT_PLACES.has(x.lower))) continue;
        const name = text.slice(c.start, c.end);
        // A product or code name ("TypeScript", "GitHub", "PDF", "Q3") is no place.
        if (/\p{Ll}\p{Lu}/u.test(name) || /^[\p{Lu}\d]{1,4}$/u.test(name)) continue;
        if (isCountry(name) || PUBLIC_SERVICES.has(name.toLowerCase()) || PRODUCT_WORDS.test(lineAround(text, c.start, c.end))) continue;
        out.push({ start: c.start, end: c.end, type: 'place' });
      }
    }
    // A contact block's company line: between a line that is a person's name and the street line under it
    // ("Esat Jeknić\nMarshall, Hernandez and Simpson\n1610 ul. Zamkowa 92", "Ana Roe\nKnowledge Agency\nPSC 3294, Box 9168").
    if (types.includes('organization') && text.includes('\n') && out.some((p) => p.type === 'person')) {
      const lines = text.split('\n');
      let at = 0;
      const starts = lines.map((l) => {
        const s0 = at;
        at += l.length + 1;
        return s0;
      });
      const body = (k: number): [number, string] => {
        const q = /^[ \t]*(?:(?:>|\?{2,3})[ \t]*)*/.exec(lines[k]!)![0].length;
        return [starts[k]! + q, lines[k]!.slice(q).trimEnd()];
      };
      // Asked once per line, so answered by halving (covers), not by a walk over every span found: with a person on
      // each line that walk was quadratic ('Ann Roe\n' repeated over 800,000 characters took 26 s, 200,000 2.5 s).
      // Only organisations are added below, each a line's body, which covers no other line's: `added` holds those.
      const personCovers = covers(out.filter((p) => p.type === 'person'));
      const anyCovers = covers(out);
      const added = new Set<number>();
      for (let i = 0; i + 2 < lines.length; i++) {
        const [ps, pl] = body(i);
        if (!pl || !personCovers(ps, ps + pl.length)) continue;
        for (let j = i + 1; j <= i + 2 && j + 1 < lines.length; j++) {
          const [cs, cl] = body(j);
          const street = [j + 1, j + 2].some((k) => k < lines.length && STREETISH.test(body(k)[1]));
          if (street && COMPANY_LINE.test(cl) && !JOB_TITLE.test(cl) && !tokens(cl).some((x) => LABEL_WORDS.has(x.lower) || JOB_WORDS.has(x.lower) || ROLE_WORDS.has(x.lower))
            && !anyCovers(cs, cs + cl.length) && !added.has(cs)) {
            out.push({ start: cs, end: cs + cl.length, type: 'organization' });
            added.add(cs);
            break;
          }
        }
      }
    }
    if (types.includes('person')) {
      lowercaseNameList(text, out);
      if (!cased) lowercaseNamed(text, out);
    }
    // Names listed beside a person found ("Eklund, Bowman and White", "Kadiev and Park were …") are people too.
    if (types.includes('person') && out.some((p) => p.type === 'person')) {
      const people = out.filter((p) => p.type === 'person');
      const listed = listedNames(text);
      const inList = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => {
        const gap = a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
        return gap.length <= 40 && /^(?:,? (?:and|&|und|et|e|y|och|en) |, )(?:[\p{L}\p{M}'’ -]+(?:,? (?:and|&) |, ))*$/u.test(gap);
      };
      for (let round = 0; round < 2; round++) {
        for (const c of listed) {
          if (people.some((p) => p.start <= c.start && p.end >= c.end)) continue;
          const word = text.slice(c.start, c.end).toLowerCase();
          if (LABEL_WORDS.has(word) || JOB_WORDS.has(word) || NOT_PLACES.has(word) || isCountry(word) || PUBLIC_SERVICES.has(word)) continue;
          if (!people.some((p) => inList(p, c))) continue;
          const span = { start: c.start, end: c.end, type: 'person' as const };
          out.push(span);
          people.push(span);
        }
      }
    }
    // One word ("Buy", "Item 12") is no name to the rules below: each needs a cue, a second word, a "name:" chat
    // prefix or a caseless script. The model's view of it was taken above.
    if (ts.length < 2 && !text.includes(':') && !CASELESS.test(text)) return out;
    // Most page strings hold no capitalised name, no known name and no cue: done.
    const anyCue = mayHaveAnyCue(text);
    const personCue = anyCue && mayHavePersonCue(text);
    const placeCue = anyCue && mayHavePlaceCue(text);
    const orgCue = anyCue && mayHaveOrgCue(text);
    const legal = ts.some((t) => isCapitalised(t) && isLegalForm(t.text));
    if (!personCue && !placeCue && !orgCue && !legal && !ts.some(isName) && !/[:\t|(]/.test(text)) return out;
    const add = (i: number, j: number, type: EntityType): void => {
      if (ts[i] && ts[j]) out.push({ start: ts[i]!.start, end: ts[j]!.end, type });
    };
    // The first token at or after `offset`, by halving (ts is in text order). A findIndex from the first token for each
    // cue was quadratic in the cues: 'Name: ' repeated over 400,000 characters took 2.0 s, 800,000 6.2 s (the CLI
    // scrubs anyone's field up to --max-field-chars, 4,000,000).
    const tokenAt = (offset: number): number => {
      const i = firstAfter(ts.length, (k) => ts[k]!.start >= offset);
      return i < ts.length ? i : -1;
    };
    const afterCue = (re: RegExp, type: EntityType, max: number, connectors = false): void => {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const i = tokenAt(m.index + m[0].length);
        if (i < 0 || !/^ ?$/.test(text.slice(m.index + m[0].length, ts[i]!.start))) continue;
        const run = capitalisedRun(text, ts, i, max, connectors);
        // A role or a form of address greeted or named is no one ("Hey Bot", "Hi Support", "Dear Customer", "Thanks, Doc").
        if (run && type === 'person' && ts.slice(run[0], run[1] + 1).every((x) => JOB_WORDS.has(x.lower) || LABEL_WORDS.has(x.lower) || ADDRESS_WORDS.has(x.lower))) continue;
        if (run && (type !== 'person' || !notAPerson(text, ts[run[0]]!.start, ts[run[1]]!.end))) add(run[0], run[1], type);
      }
    };
    if (types.includes('person')) {
      if (personCue) {
        afterCue(PERSON_CUE, 'person', 4);
        if (!cased) lowercaseAfterCue(text, out);
        afterCue(PERSON_PHRASE, 'person', 4);
        afterCue(GREETING_CUE, 'person', 3);
      }
      // A known name beside capitalised words, or two known names (any case: "JOHN SMITH", "maria gonzalez").
      for (let i = 0; i < ts.length; i++) {
        const t = ts[i]!;
        if (!isName(t) || isCue(t)) continue;
        const next = ts[i + 1];
        let a = i;
        let b = i;
        if (isCapitalised(t)) {
          const run = capitalisedRun(text, ts, i, 3);
          if (run) b = run[1];
          // An unknown first name before a known surname: "Blaise Chevalier".
          while (a > 0 && i - a < 2 && isCapitalised(ts[a - 1]!) && adjacent(text, ts[a - 1]!, ts[a]!) && !isCue(ts[a - 1]!) && !PRONOUNS.test(ts[a - 1]!.lower)) a--;
          // …and over a particle: "Bo de Vos", "Ana dos Santos".
          if (a === i) {
            let p = a - 1;
            while (p > 0 && a - p <= 3 && PARTICLES.has(ts[p]!.lower) && adjacent(text, ts[p]!, ts[p + 1]!)) p--;
            if (p < a - 1 && p >= 0 && isCapitalised(ts[p]!) && adjacent(text, ts[p]!, ts[p + 1]!) && !isCue(ts[p]!)) a = p;
          }
        } else if (next && isName(next) && adjacent(text, t, next) && isFirst(t.lower) && isLast(next.lower)) {
          // A surname that is also a word ends no name ("bertram has been"): the first name alone, if it is no word.
          if (!isCommonWord(next.lower)) b = i + 1;
          else if (!isCommonWord(t.lower) && !notAPerson(text, t.start, t.end)) add(i, i, 'person');
        }
        if (a === b) continue;
        const run = ts.slice(a, b + 1);
        // Title-case UI text ("Young Adult Fiction") holds ordinary words; a name holds none beside its known part.
        if (run.some((x) => !isName(x) && !PARTICLES.has(x.lower) && isCommonWord(x.lower))) continue;
        if (!notAPerson(text, ts[a]!.start, ts[b]!.end)) add(a, b, 'person');
        i = b;
      }
      // A line that starts with 2–3 capitalised words no dictionary knows, in a contact block (an e-mail or a phone
      // label nearby) or followed by a cue ("Jane Roe, born …", "Jane Roe · Works at …", "Jane Roe — Lives in …").
      const contactBlock = CONTACT_BLOCK.test(text);
      for (const m of contactBlock || /[,·—–|]/.test(text) ? text.matchAll(LINE_START_NAME) : []) {
        const run = m[1]!;
        const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30).toLowerCase();
        const runTokens = tokens(run);
        if (runTokens.some((x) => isCue(x) || (isCommonWord(x.lower) && !isName(x)))) continue;
        const cued = /^\s*[,·—–|-]\s*\S/.test(after) && (mayHavePersonCue(after) || mayHavePlaceCue(after) || mayHaveOrgCue(after) || BIRTH_WORD.test(after));
        // Alone on the first line of its block: a card's name line (its second line is usually a job title).
        const alone = /^\s*(?:\n|$)/.test(after) && (m.index === 0 || text.slice(Math.max(0, m.index - 1), m.index + 1).includes('\n\n') || /^\n?$/.test(text.slice(0, m.index + 1).trim()));
        if ((contactBlock && alone) || cued) {
          const start = m.index + m[0].length - run.length;
          if (!notAPerson(text, start, start + run.length)) out.push({ start, end: start + run.length, type: 'person' });
        }
      }
      // "maria: hi!" — a chat line that starts with a known first name.
      CHAT_LINE.lastIndex = 0;
      for (let m = CHAT_LINE.exec(text); m; m = CHAT_LINE.exec(text)) {
        const at = m.index + m[0].length - m[1]!.length;
        const rest = text.slice(m.index + m[0].length + 1, m.index + m[0].length + 40).trim().toLowerCase();
        const greets = GREETINGS.some((g) => rest.startsWith(`${g} `) || rest.startsWith(`${g},`));
        // A label is no speaker ("name:    hyuuma t. maida"), even where a lexicon holds it as a given name.
        if (LABEL_WORDS.has(m[1]!)) continue;
        if (isFirst(m[1]!) || (greets && !CUE_WORDS.has(m[1]!))) out.push({ start: at, end: at + m[1]!.length, type: 'person' });
      }
    }
    // A cell under a Name / Customer / Owner column is a person; under City / Ort / Ville a place; under Company /
    // Firma / Employer an organisation, the whole cell ("Southern Cross Freight Pty. Ltd.").
    if (text.includes('\t') || text.includes(' | ')) {
      for (let i = 0; i < ts.length; i++) {
        const header = columnHeader(text, ts[i]!.start);
        if (!header) continue;
        const type: EntityType | null = CUES.person.includes(header) ? 'person' : CUES.place.includes(header) ? 'place' : ORG_CUES.includes(header) ? 'organization' : null;
        if (!type || !types.includes(type)) continue;
        if (type === 'person') {
          const run = capitalisedRun(text, ts, i, 4);
          if (run) {
            add(run[0], run[1], 'person');
            i = run[1];
          }
          continue;
        }
        // The cell: from this word to the next tab, " | " or line end; a capitalised start and, for a place, no digit.
        const start = ts[i]!.start;
        const rest = text.slice(start, start + 120);
        const cell = /^[^\t\n|]*/.exec(rest)![0].replace(/\s+$/, '');
        if (!isCapitalised(ts[i]!) || (type === 'place' && /\d/.test(cell)) || cell.length < 2) continue;
        out.push({ start, end: start + cell.length, type });
        while (i + 1 < ts.length && ts[i + 1]!.start < start + cell.length) i++;
      }
    }
    if (types.includes('place')) {
      if (placeCue) afterCue(PLACE_CUE, 'place', 4);
      // A place's lowercase tail ("Amelio terme", "Martens aan de Rijn") when it runs to the end of its line; an
      // English clause is no tail ("Tallinn, Estonia for this card").
      for (const p of out) {
        if (p.type !== 'place') continue;
        const tail = /^(?: [\p{L}\p{M}'’-]+){1,3}(?=[ \t]*(?:\n|$))/u.exec(text.slice(p.end, p.end + 40));
        if (tail && !/\d/.test(tail[0]) && !tokens(tail[0]).some((x) => ordinary(x.lower) && !PARTICLES.has(x.lower))) p.end += tail[0].length;
      }
    }
    if (types.includes('organization')) {
      if (orgCue) afterCue(ORG_CUE, 'organization', 6, true);
      // A capitalised run that ends in a legal form: "Reinberg, Rautenkranz und Liebich GmbH", "Brunet EI".
      for (let i = 0; (legal || LEGAL_TAIL_CUE.test(text)) && i < ts.length; i++) {
        const run = capitalisedRun(text, ts, i, 6, true);
        if (!run) continue;
        let a = run[0];
        let b = run[1];
        // A role before a comma is not a partner's name: "(CTO, Procházka Stavby s.r.o.)", "(Buyer, …)".
        while (a < b && text.slice(ts[a]!.end, ts[a + 1]!.start).includes(',') && (/^\p{Lu}{2,4}$/u.test(ts[a]!.text) || JOB_WORDS.has(ts[a]!.lower) || isCommonWord(ts[a]!.lower))) a++;
        const next = ts[b + 1];
        if (next && /^\p{Lu}/u.test(next.text) && /^[ ,]{1,2}$/.test(text.slice(ts[b]!.end, next.start)) && isLegalForm(next.text)) b++;
        // "Adelaide SA 5000", "Portland, ME 04101": a state's code before a postcode.
        if (/^[ \t]*\d/.test(text.slice(ts[b]!.end, ts[b]!.end + 4)) && /^\p{Lu}{2}$/u.test(ts[b]!.text)) {
          i = run[1];
          continue;
        }
        const tail = LEGAL_TAIL.exec(text.slice(ts[b]!.end, ts[b]!.end + 16));
        if (tail) {
          out.push({ start: ts[a]!.start, end: ts[b]!.end + tail[0].length, type: 'organization' });
        } else if (b > a && isLegalForm(ts[b]!.text)) {
          add(a, b, 'organization');
          // "S.A." and "Inc." keep their last dot.
          if (text[ts[b]!.end] === '.' && /[.]|^(?:inc|corp|co|ltd|cia)$/i.test(ts[b]!.text)) out[out.length - 1]!.end++;
        }
        i = run[1];
      }
      // Partners' names joined into a firm ("Stanton, Lynch and Prohaska", "Lewandowski-Karpiński") in brackets after a person,
      // or two known surnames joined by "and"/"und"/"e"/"y".
      for (let i = 0; i < ts.length; i++) {
        const run = capitalisedRun(text, ts, i, 6, true);
        if (!run) continue;
        let a = run[0];
        const b = run[1];
        while (a < b && text.slice(ts[a]!.end, ts[a + 1]!.start).includes(',') && (/^\p{Lu}{2,4}$/u.test(ts[a]!.text) || JOB_WORDS.has(ts[a]!.lower) || isCommonWord(ts[a]!.lower))) a++;
        const inBrackets = /^\(\s*(?:[^()\n]{0,24},\s*)?$/.test(text.slice(Math.max(0, ts[a]!.start - 26), ts[a]!.start).replace(/^.*\(/s, '(')) && text[ts[b]!.end] === ')';
        const joined = b > a && ts.slice(a, b + 1).filter((x) => isLast(x.lower)).length >= 2 && /,|\s(?:and|und|et|e|y|i|en|och|ve)\s|-/.test(text.slice(ts[a]!.start, ts[b]!.end));
        if ((inBrackets && out.some((p) => p.type === 'person' && p.end <= ts[a]!.start && ts[a]!.start - p.end <= 3)) || joined) add(a, b, 'organization');
        i = b;
      }
      const jp = /(?:株式会社|合同会社|有限会社|合資会社|合名会社)[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]{1,12}|[\p{Script=Han}\p{Script=Katakana}]{1,12}(?:株式会社|合同会社|有限会社|合資会社|合名会社)/gu;
      for (let m = jp.exec(text); m; m = jp.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, type: 'organization' });
    }
    return out;
  }
}

/** The recogniser the extension and the CLI use: compromise, with the cues and lexicon above. */
export function defaultEntityRecognizer(): EntityRecognizer {
  return new CuedEntityRecognizer(new CompromiseRecognizer());
}
