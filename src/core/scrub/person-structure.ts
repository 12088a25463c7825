// People found by where a page puts them, not by a lexicon: the name of a chat line after its timestamp
// ("[09:16] Yanis: …"), before an e-mail address ("Tadhg Breathnach <t.b@…>"), under a sign-off ("Best regards,\n
// Wiebke Ziegenhals"), on the line under a delivery label ("SHIP TO\nKERTTU RAUTIAINEN"), at the head of a record
// line ("Trevon Okafor (CFO, …) — Duluth — …"), after a phrase that names someone ("Thanks to …", "Meeting with
// …", "ask …"), and a name alone before what people do ("Reto will cover the morning shift.").
// Each returns candidate [start, end) spans; the caller drops those made of ordinary words or labels.

import { cueAlternation, CUES, L } from './cues';

/**
 * Cue words in lower case, Capitalised and UPPER CASE: the patterns below cannot use the i flag, which would let
 * a name's capital (\\p{Lu}) match any letter.
 */
const anyCase = (words: readonly string[]): string =>
  cueAlternation([...new Set(words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.replace(/(^|\s)(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()), w.toUpperCase()]))]);

/**
 * `strong`: a title or a speaker's place says it is a name even if it is also a word ("Mrs. Baker", "Park and …").
 * `known`: the place alone says too little (a brand owns titles too): the caller keeps it only with a known name.
 */
export interface Candidate { start: number; end: number; strong?: boolean; known?: boolean }

/** A capitalised word (any script with case), ALL CAPS too, with inner apostrophes and hyphens. */
const CAP = "\\p{Lu}[\\p{L}\\p{M}'’-]*[\\p{L}\\p{M}]";
const PARTICLE = "(?:van der|van den|van de|de la|de los|van|von|de|da|del|della|di|du|dos|das|le|la|ter|ten|ní|nic|bin|ibn|al|el|Ó|Ní|Mac|Mc|Dal|Del|Van|Von|De|Da|Di|Le|La|O')";
/** 1–4 words of a name, with particles: "Donnacha Hennessy-Walsh", "Ginevra Dal Lago", "Bo de Vos", "J. Smith". */
// A middle initial with or without its dot: "Faina D. Yefremova", "Nikolaj N Møller".
const NAME = `${CAP}(?:\\.|(?:(?:[ ]${PARTICLE}(?![\\p{L}]))?[ ](?:${CAP}|\\p{Lu}\\.|\\p{Lu}(?=[ ]\\p{Lu}))){0,3})`;
const NAME_RE = new RegExp(`^${NAME}$`, 'u');

const TIMESTAMPED_CHAT = new RegExp(`(?:^|\\n)[ \\t>]*(?:\\[[^\\]\\n]{1,30}\\]|\\(?\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?(?:\\s?[AaPp]\\.?[Mm]\\.?)?\\)?)[ \\t]*(?:-[ \\t]*)?<?(${NAME})>?[ \\t]*[:：][ \\t]`, 'gu');
const BEFORE_EMAIL = new RegExp(`(?<![\\p{L}\\p{M}])["“]?(${NAME})["”]?[ \\t]*[<(\\[][^<>()\\s@]{1,64}@`, 'gu');
const SIGN_OFFS = ['regards', 'best regards', 'kind regards', 'warm regards', 'warmest regards', 'many thanks', 'with thanks', 'best wishes', 'thanks', 'cheers',
  'sincerely', 'yours', 'yours sincerely', 'yours truly', 'yours faithfully', 'best', 'thank you', 'all the best', 'mit freundlichen grüßen', 'mfg', 'viele grüße',
  'liebe grüße', 'beste grüße', 'schöne grüße', 'grüße', 'cordialement', 'bien à vous', 'bien cordialement', 'amitiés', 'bises', 'saludos', 'saludos cordiales',
  'un saludo', 'atentamente', 'cordiali saluti', 'distinti saluti', 'saluti', 'un saluto', 'atenciosamente', 'abraços', 'cumprimentos', 'met vriendelijke groet',
  'met vriendelijke groeten', 'vriendelijke groet', 'groeten', 'groetjes', 'pozdrawiam', 'z poważaniem', 'med vänliga hälsningar', 'vänliga hälsningar', 'hälsningar',
  'mvh', 'ystävällisin terveisin', 'terveisin', 's pozdravem', 'saygılarımla', 'selamlar'];
const SIGN_OFF = new RegExp(`(?:^|\\n)[ \\t>]*(?:${anyCase(SIGN_OFFS)}|--|—|–)[ \\t]*[,.!]?[ \\t]*\\n[ \\t>]*(${NAME})[ \\t]*(?=\\n|$|,)`, 'gu');
// A label alone on its line ("SHIP TO", "Delivery address", "Lieferadresse", "Bill to:"), then the name under it.
const LABEL_LINE = new RegExp(`(?:^|\\n)[ \\t]*(?:${anyCase([...CUES.address, 'ship to', 'bill to', 'deliver to', 'delivery address', 'recipient', 'sender', 'from', 'to', 'attn', 'attention', 'c/o', 'contact', 'customer', 'guest', 'passenger', 'holder', 'cardholder', 'account holder', 'billing address', 'shipping address', 'lieferadresse', 'rechnungsadresse', 'empfänger', 'adresse de livraison', 'destinataire', 'dirección de envío', 'destinatario', 'indirizzo di spedizione', 'endereço de entrega', 'bezorgadres', 'afleveradres', 'adres dostawy', 'odbiorca', 'leveransadress', 'mottagare', 'toimitusosoite', 'vastaanottaja', 'doručovací adresa', 'teslimat adresi', 'alıcı'])})[ \\t]*[:：]?[ \\t]*\\n[ \\t]*(${NAME})[ \\t]*(?=\\n|$)`, 'gu');
// A record line: the name first, then a separator and more about them ("(CFO, …)", " — Duluth", " · Steam ID: …").
const RECORD_LINE = new RegExp(`(?:^|\\n)[ \\t>]*(${NAME})[ \\t]*(?=[(·—–|][ \\t]*[\\p{L}@+(]|[ \\t]-[ \\t]+\\p{L})`, 'gu');
// Phrases that name the person after them.
const NAMING = ['thanks to', 'thank you to', 'meeting with', 'meet with', 'met with', 'call with', 'spoke with', 'speak with', 'talk to', 'talked to', 'spoke to', 'ask',
  'asked', 'tell', 'told', 'ping', 'cc', 'according to', 'on behalf of', 'together with', 'along with', 'married to', 'son of', 'daughter of', 'wife of', 'husband of',
  'mother of', 'father of', 'reported by', 'reviewed by', 'approved by', 'requested by', 'handled by', 'owned by', 'managed by', 'led by', 'hosted by', 'presented by',
  'interviewed', 'hired', 'invited', 'introducing', 'congratulations', 'congrats', 'happy birthday', 'my name is', 'name is', 'i am', "i'm", 'this is', 'it is',
  'call me', 'my wife', 'my husband', 'my son', 'my daughter', 'my friend', 'my colleague', 'my manager', 'my boss', 'my partner', 'by', 'with', 'and', 'for', 'from',
  'requester', 'holder', 'to', 'attn', 'dear', 'called', 'named', 'was called', 'is called', 'name?', 'last name?', 'first name?', 'full name?', 'name is',
  'said', 'says', 'asked', 'replied', 'shouted at', 'starring', 'directed by', 'featuring', 'features', 'also features', 'feat.', 'produced by', 'written by', 'founded by', 'authored by',
  'sung by', 'performed by', 'painted by', 'composed by', 'married', 'divorced', 'dating', 'my kid', 'my child', 'my mother', 'my father', 'my brother', 'my sister',
  // Roles written before a name: "Producer Mashuu Samurakami", "ex-Zombie Kastner" is not one, "singer Kastner" is.
  'producer', 'singer', 'songwriter', 'author', 'novelist', 'poet', 'actor', 'actress', 'drummer', 'guitarist', 'bassist', 'rapper', 'journalist', 'reporter',
  'professor', 'coach', 'captain', 'senator', 'minister', 'chairman', 'colleague', 'teammate', 'neighbour', 'neighbor', 'cousin', 'uncle', 'aunt', 'grandma',
  'grandpa', 'nephew', 'niece', 'player', 'call me', 'people call me', 'commenter', 'reader', 'listener', 'viewer', 'subscriber',
  // Naming verbs with their object ("She named him Frank", "everyone calls me Ján"); where an account is held or who
  // is added to it ("it's under Chihiro Fukunaga", "my partner's name Nicodemus Azarov", "add Mercédesz Szôllôssy as").
  'named him', 'named her', 'calls me', 'called me', 'calls him', 'calls her', 'call him', 'call her', 'under', 'add', 'name'];
// "Cora, can I please speak to your boss?": a name called at the start of a sentence.
const VOCATIVE = new RegExp(`(?:^|[.!?]\\s+|\\n)(${NAME}),[ ](?=(?:can|could|would|will|please|thanks|thank you|do|did|are|is|have|I|we|you|what|where|when|how|why|let's|let)\\b)`, 'gu');
// Who was spoken to, at a sentence's end: "I'm so jealous! said Anna to Benedek".
const SPOKEN_TO = new RegExp(`(?<![${L}])(?:said|says|asked|asks|replied|whispered|shouted|wrote|writes|explained)[^.!?\\n]{0,40}?[ ]to[ ](${NAME})(?=[ ]?(?:[.!?]|$))`, 'gu');
// A name called at a question's or an exclamation's end: "Remember me, Milík?", "Don't go to town, Dorotea!".
const VOCATIVE_END = new RegExp(`,[ ](${NAME})[ ]?[?!]`, 'gu');
// "Franciska's kid", "Misty's daughter", "Meza's song": a name with what belongs to a person.
const POSSESSIVE = new RegExp(`(?<![${L}])(${NAME})['’]s[ ](?=(?:kids?|sons?|daughters?|wife|husband|mother|father|mom|mum|dad|brother|sister|family|friends?|boss|partner|song|songs|book|novel|album|killers?|house|home|car|phone|number|email|address|birthday|funeral|wedding|death|life|career|band|lawyer|doctor|account|version)\\b)`, 'gu');
// Kin named by their owner: "I'm Misty's daughter" says Misty is a person even when the name is also a word (strong).
const KIN_OWNER = new RegExp(`(?<![${L}])(${NAME})['’]s[ ](?=(?:kids?|sons?|daughters?|wife|husband|mother|father|mom|mum|dad|brother|sister|grandson|granddaughter|grandmother|grandfather|nephew|niece|aunt|uncle|cousin|fiancée?|widow|widower|stepson|stepdaughter)\\b)`, 'gu');
// People listed after a plural noun of people and a colon: "our 3 founders: Šušulić, Bowman and White" (strong).
const PEOPLE_NOUNS = 'founders|cofounders|co-founders|partners|members|children|kids|sons|daughters|guests|speakers|authors|winners|attendees|participants|owners|directors|hosts|panelists|organizers|organisers|siblings|grandchildren';
const PEOPLE_LIST = new RegExp(`(?<![${L}])(?:${PEOPLE_NOUNS})[ ]?:[ \\t]*(${NAME}(?:,[ ]${NAME})*(?:,?[ ](?:and|&)[ ]${NAME})?)`, 'gu');
const LIST_ITEM = new RegExp(NAME, 'gu');
// The answer to a question about a name, after a speaker's label: "What's the name on the account? User: Mohsin Wilmsen".
const NAME_ANSWER = new RegExp(`name[^?\\n]{0,40}\\?[ \\t]*(?:\\n[ \\t]*)?(?:\\p{L}{1,12}[ \\t]*:[ \\t]*)?(${NAME})`, 'giu');

// "Usamov and Bowers were precision engineers": two names before a verb of people.
const PAIR = new RegExp(`(?<![${L}])(${CAP})[ ]and[ ](${CAP})[ ](?=(?:were|went|met|married|founded|wrote|sang|played)\\b)`, 'gu');
const TITLES_RE = new RegExp(`(?<![${L}])(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Madam|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Sig|Dott|Dhr|Mevr|Pan|Pani)\\.?[ \\t]+(${NAME})`, 'gu');
// A title written in lowercase, with its dot, before a capitalised name: "join accounts with ms. Quinzia"; after a
// number "ms" is milliseconds ("took 200 ms. Then").
const LOWER_TITLE = new RegExp(`(?<![${L}\\d])(?<!\\d[ ])(?:mr|mrs|ms|mx|dr|prof)\\.[ ]+(${NAME})`, 'gu');
// Phrases after which a capitalised word is a person even if it is also a word: "starring Key", "my kid Florence",
// "her maiden name is Key" (strong).
const KIN_NAMING = new RegExp(`(?<![${L}])(?:${anyCase(['starring', 'maiden name is', 'maiden name was', 'my kid', 'my child', 'my son', 'my daughter', 'my wife', 'my husband', 'my mother', 'my father', 'my brother', 'my sister', 'my grandson', 'my granddaughter'])})[ ](${NAME})`, 'gu');
const NAMING_RE = new RegExp(`(?<![${L}])(?:${anyCase(NAMING)})[.:,]?[ \\t]+(${NAME})`, 'gu');
/** Words after which the naming phrase must be followed by two words ("by Apple" is not a person, "by Szabina Gelencsér" is). */
const WEAK = new Set(['by', 'with', 'and', 'for', 'from', 'to', 'it is', 'this is', 'i am', "i'm", 'under', 'add', 'name']);
// A name alone, before what people do: "Reto will cover the morning shift.", "Emre is out sick today."
const VERBS = ['is out', 'is off', 'is on leave', 'is on holiday', 'is on vacation', 'is sick', 'is away', 'is back', 'will cover', 'will be', 'will join', 'will send',
  'will call', 'will take', 'will handle', 'will review', 'will renew', 'will check', 'will look', 'will do', 'will help', 'will lead', 'will present', 'will host',
  "can't", 'cannot', "won't", "couldn't", "didn't", "doesn't", 'asked', 'said', 'says', 'told', 'wrote', 'replied', 'called', 'thinks', 'mentioned', 'agreed',
  'promised', 'joined', 'left', 'handled', 'approved', 'signed', 'sent', 'shared', 'loves', 'likes', 'wants', 'needs', 'has been', 'had been', 'was born',
  'lives', 'works', 'moved', 'flew', 'travelled', 'traveled', 'went', 'visited', 'invested', 'founded', 'listed', 'spent', 'shouted', 'began', 'started',
  'just has', 'has to', 'had to', 'grew up', 'died', 'married', 'won', 'took', 'gave', 'felt', 'knew', 'met', 'saw', 'heard', 'decided', 'tried', 'loved',
  'hated', 'smiled', 'laughed', 'cried', 'whispered', 'nodded', 'had given', 'has given', 'had sent', 'had told', 'had asked', 'is a very', 'is very', 'is so', 'is such a', 'is always', 'is never', 'is my', 'is our',
  'is from', 'was a', 'was the', 'and i', 'and me'];
// A script or chat without timestamps: two lines or more start with a speaker ("Alice: …", "Bryan: …").
// What follows is a line of dialogue, ending as a sentence does; a form's "Subject: Quarterly figures" does not.
const SPEAKER_LINE = new RegExp(`(?:^|\\n)[ \\t>]*(${CAP})[ \\t]*:[ \\t]*(?=["“'‘]?\\p{L}[^\\n]* [^\\n]*[.?!…"”]["”)]?[ \\t]*(?:\\n|$))`, 'gu');
// The addressee on an address label's own line, the street under it: "Billing address: Sky Heck\n 12 …" (strong).
const ADDRESSEE = new RegExp(`(?:^|\\n)[ \\t]*(?:(?:[Bb]illing|[Ss]hipping|[Dd]elivery|[Mm]ailing|[Pp]ostal|[Hh]ome)[ ])?[Aa]ddress[ \\t]*:[ \\t]*(${NAME})[ \\t]*\\n(?=[ \\t>]*(?:\\d|[Pp]\\.?[ ]?[Oo]\\.?[ ]?[Bb]ox))`, 'gu');
// A block's first line that is a name alone, above a job title, a company or an address: "Maika van de Noort\nEmployment manager\n…".
// A mail's quoting is "> " or, mangled by an encoding, "??? " (as a bullet read in the wrong code page).
const FIRST_LINE = new RegExp(`^[ \\t>]*(?:\\?{3}[ \\t]+)?(${NAME})[ \\t]*\\n(?=[ \\t>]*\\n?[ \\t>]*\\S[^\\n]*\\n[^]*\\S)`, 'gu');
// Names listed with a connector: "Eklund, Bowman and White", "Kadiev and Park were …" (one known, all taken by the caller).
const LISTED = new RegExp(`(?<![${L}])(${CAP}(?:[ ]${CAP})?)(?=(?:,[ ]${CAP}(?:[ ]${CAP})?)*,?[ ](?:and|&|und|et|e|y|och|en)[ ]${CAP})|(?<=${CAP},?[ ](?:and|&|und|et|e|y|och|en)[ ])(${CAP}(?:[ ]${CAP})?)|(?<=${CAP},[ ])(${CAP}(?:[ ]${CAP})?)(?=,[ ]|,?[ ](?:and|&))`, 'gu');
// After a conjunction too: "…from Spain, but Stanko just has to get laid".
const ALONE = new RegExp(`(?:^|[.!?;:]\\s+|\\n[ \\t>]*|,\\s+)(?:(?:but|and|so|because|while|when|if|then)[ ])?(${NAME})[ ](?:${cueAlternation(VERBS)})(?![${L}])`, 'gu');
// A name asked about: "Why is Katrine so impulsive?", "How was Dori today?".
const ASKED = new RegExp(`(?:^|[.!?]\\s+|\\n)(?:Why|How|Where|When|What)[ ](?:is|was|does|did|has|can|will)[ ](${NAME})[ ](?=(?:so|such|always|never|still|not|really|even|doing|feeling|today|now|late|angry|sad|happy|upset)\\b)`, 'gu');
// The person given or sent something: "had given Alma his address", "sent Ilse a card"; the place says it is a
// person even when the name is also a word (strong).
const RECIPIENT = new RegExp(`(?<![${L}])(?:gave|given|give|gives|sent|send|sends|showed|shown|handed|lent|offered|owe|owes|owed|bought|wrote)[ ](${NAME})[ ](?=(?:his|her|their|my|your|our|a|an|the|some)[ ])`, 'gu');

// A former member before a name: "by ex-Zombie Kastner", "ex-Googler Jane Roe".
const EX_MEMBER = new RegExp(`(?<![${L}])ex-\\p{Lu}[${L}]+[ ](${NAME})`, 'gu');
// A name as what a work or an event is of: "a Eustachy Gorski concert", "The Steffen Mauer version", "the Sunniva novel".
const WORK_OF = new RegExp(`(?<![${L}])(?:a|an|the|A|An|The)[ ](${NAME})[ ](?=(?:concert|version|album|song|recording|record|show|tour|gig|biography|memoir|autobiography|interview|novel|novella|film|movie|documentary|exhibition|lecture|performance|retrospective)(?![${L}]))`, 'gu');
/** Works only a person writes or gives: "the Petersson novel" names its author even if no lexicon knows the name. */
const AUTHORED = /^[ ](?:novel|novella|biography|memoir|autobiography|concert|lecture|retrospective)(?![\p{L}])/u;
// An author's work by its title: "the verses from Vassiliev's Cautionary Tales"; a known name only (see `known`).
const TITLE_OWNER = new RegExp(`(?<![${L}])(${NAME})['’]s[ ](?=\\p{Lu}\\p{Ll}+[ ]\\p{Lu}\\p{Ll})`, 'gu');

/** A capital with a letter after it, after the string's first character, or a name-shaped start followed by a word. */
const CAPITAL_INSIDE = /.[\p{Lu}][\p{L}\p{M}]|^[\p{Lu}][\p{L}\p{M}'’-]+[ :,]/su;

function collect(re: RegExp, text: string, out: Candidate[], check?: (name: string, m: RegExpExecArray) => boolean, strong = false): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (!name) {
      if (m[0].length === 0) re.lastIndex++;
      continue;
    }
    const start = m.index + m[0].lastIndexOf(name);
    if (!check || check(name, m)) out.push({ start, end: start + name.length, ...(strong ? { strong } : {}) });
    // Overlapping matches (a sign-off line whose name line ends where the next match starts) are read again.
    if (re.lastIndex > start + name.length) re.lastIndex = start + name.length;
  }
}

/** Is the candidate's text written again, as a word of its own, elsewhere in `text`? Two indexOf calls. */
function named(text: string, c: Candidate): boolean {
  const word = text.slice(c.start, c.end);
  for (const at of [text.indexOf(word), text.indexOf(word, c.end)]) {
    if (at < 0 || at === c.start) continue;
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    if (!/[\p{L}\p{M}]/u.test(before) && !/[\p{L}\p{M}]/u.test(after)) return true;
  }
  return false;
}

/** Candidate person spans from a page's structure; `text` is any length, read once per pattern. */
export function structuralPeople(text: string): Candidate[] {
  const out: Candidate[] = [];
  // Every pattern below ends in a capitalised word with a letter after its capital: most page strings ("Add to cart",
  // "$9.99", "Sign in") have none after their first word, and a one-word string has no second word to name.
  if (text.length < 4 || !CAPITAL_INSIDE.test(text)) return out;
  const lines = text.includes('\n');
  if (lines || /^[ \t>]*(?:\[|\(?\d{1,2}[:.]\d{2})/.test(text)) collect(TIMESTAMPED_CHAT, text, out);
  if (text.includes('@')) collect(BEFORE_EMAIL, text, out);
  if (lines) {
    collect(SIGN_OFF, text, out);
    collect(LABEL_LINE, text, out);
  }
  if (/[(·—–|]| - /.test(text)) collect(RECORD_LINE, text, out, (name) => name.includes(' '));
  if (/[ \t]\p{Lu}/u.test(text)) collect(NAMING_RE, text, out, (name, m) => !WEAK.has(m[0].slice(0, m[0].length - name.length).trim().replace(/[.:,]$/, '').toLowerCase()) || /[ ]/.test(name));
  if (/\p{Lu}[\p{L}\p{M}'’-]*[ ]\p{Ll}/u.test(text)) {
    collect(ALONE, text, out);
    if (/(?:Why|How|Where|When|What) /.test(text)) collect(ASKED, text, out);
    if (/(?:gave|given|gives?|sent|sends?|showed|shown|handed|lent|offered|owe[sd]?|bought|wrote) \p{Lu}/u.test(text)) collect(RECIPIENT, text, out, undefined, true);
  }
  if (text.includes(', ')) {
    collect(VOCATIVE, text, out);
    if (/[?!]/.test(text)) collect(VOCATIVE_END, text, out);
  }
  if (/['’]s /.test(text)) {
    collect(POSSESSIVE, text, out);
    const owners: Candidate[] = [];
    collect(TITLE_OWNER, text, owners);
    // Named again elsewhere in the text ("… Bérangère's Cautionary Tales … than early Bérangère?"), the owner is
    // someone the text is about even if no lexicon knows the name.
    for (const o of owners) out.push(named(text, o) ? o : { ...o, known: true });
  }
  if (text.includes('ex-')) collect(EX_MEMBER, text, out);
  if (/ to \p{Lu}/u.test(text)) collect(SPOKEN_TO, text, out);
  if (/['’]s /.test(text)) collect(KIN_OWNER, text, out, undefined, true);
  if (text.includes(':')) {
    PEOPLE_LIST.lastIndex = 0;
    for (let m = PEOPLE_LIST.exec(text); m; m = PEOPLE_LIST.exec(text)) {
      const listStart = m.index + m[0].length - m[1]!.length;
      LIST_ITEM.lastIndex = 0;
      for (let n = LIST_ITEM.exec(m[1]!); n; n = LIST_ITEM.exec(m[1]!)) out.push({ start: listStart + n.index, end: listStart + n.index + n[0].length, strong: true });
    }
    if (/name/i.test(text)) collect(NAME_ANSWER, text, out);
  }
  if (/ (?:concert|version|album|song|recording|record|show|tour|gig|biography|memoir|interview|novel|film|movie|documentary|exhibition|lecture|performance|retrospective)\b/.test(text)) {
    const works: Candidate[] = [];
    collect(WORK_OF, text, works);
    // Products have versions, albums and shows too ("the Visual Studio version"): a known name says it is a person's.
    // A novel, a memoir or a concert is a person's whatever the name ("the Petersson novel", "a Pálmi Einarsson
    // concert"); the caller still drops a run of ordinary words ("the Star Wars novel").
    for (const w of works) out.push(AUTHORED.test(text.slice(w.end, w.end + 16)) ? w : { ...w, known: true });
  }
  if (text.includes(' and ')) {
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(text); m; m = PAIR.exec(text)) {
      out.push({ start: m.index, end: m.index + m[1]!.length });
      const b = m.index + m[0].length - m[2]!.length - 1;
      out.push({ start: b, end: b + m[2]!.length });
    }
  }
  if (/(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Madam|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Sig|Dott|Dhr|Mevr|Pan|Pani)\.? \p{Lu}/u.test(text)) collect(TITLES_RE, text, out, undefined, true);
  if (/(?:mr|mrs|ms|mx|dr|prof)\. +\p{Lu}/u.test(text)) collect(LOWER_TITLE, text, out, undefined, true);
  if (/(?:starring|maiden name|my (?:kid|child|son|daughter|wife|husband|mother|father|brother|sister|grand)) \p{Lu}/iu.test(text)) collect(KIN_NAMING, text, out, undefined, true);
  if (lines) {
    const speakers: Candidate[] = [];
    collect(SPEAKER_LINE, text, speakers);
    // Two speaker lines, or one that is a speaker twice: a script or a chat, not a form of labels.
    if (speakers.length >= 2) out.push(...speakers);
    if (/ddress[ \t]*:/.test(text)) collect(ADDRESSEE, text, out, undefined, true);
    collect(FIRST_LINE, text, out, (name) => name.includes(' '));
  }
  return out;
}

/** Capitalised words listed with commas and "and" beside one another: the caller keeps those beside a person. */
export function listedNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (/,? (?:and|&|und|et|e|y|och|en) \p{Lu}/u.test(text)) collect(LISTED, text, out, undefined, true);
  return out;
}

/** Is `s` shaped as a name (capitalised words with particles)? */
export const nameShaped = (s: string): boolean => NAME_RE.test(s);
