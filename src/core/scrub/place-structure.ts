// Places found by the words before them and by where a page puts them: after a preposition of being, coming or
// going ("I'm in Aix-en-Provence until Friday", "We moved from Bergamo to Trento", "flew to LEPPEN on Tuesday",
// "see you in Lisboa"), and as a field of a record line after a person ("Trevon Okafor (CFO, …) — Duluth — +1 …").
// Each returns candidate [start, end) spans of capitalised words; the caller drops ordinary words, languages,
// months and product lines.

import { cueAlternation, L } from './cues';
import { isCommonWord } from './entities';

export interface Candidate { start: number; end: number }

/** A place's name: 1–4 capitalised words (ALL CAPS too), with particles and hyphens: "Dún Laoghaire", "Aix-en-Provence", "Villafranca del Cid". */
const PLACE = "\\p{Lu}[\\p{L}\\p{M}'’-]*[\\p{L}\\p{M}](?:[ ](?:(?:de|del|de la|di|da|do|dos|das|du|des|le|la|les|am|an der|im|en|sur|aan|op|i|y|e)[ ])?\\p{Lu}[\\p{L}\\p{M}'’-]*[\\p{L}\\p{M}]){0,3}";

/** After a place: the end, punctuation, a line break, a capital, or a little word; not a lowercase noun ("in Orbital survey"). */
const AFTER_PLACE = "(?=[ ]*(?:$|[\\p{P}\\p{S}\\n]|[ ]\\p{Lu}|[ ]\\d|[ ](?:on|at|for|with|and|or|until|till|last|next|this|by|to|from|in|since|before|after|when|where|which|who|is|was|were|are|will|has|had|for|but|so|then|again|today|tomorrow|yesterday|tonight|now|soon|later|early|late|every|each|during|over|via|near|city|town|area|office|branch|station|airport)\\b))";
const BEING = ['in', 'at', 'near'];
const BEFORE_BEING = ["i'm", 'i am', "we're", 'we are', "they're", 'they are', "he's", 'she is', "she's", 'he is', 'is', 'was', 'were', 'are', 'be', 'been', 'stay',
  'stays', 'stayed', 'staying', 'live', 'lives', 'lived', 'living', 'based', 'located', 'office', 'offices', 'headquartered', 'born', 'raised', 'grew up',
  'studied', 'work', 'works', 'worked', 'working', 'meet', 'meeting', 'see you', 'trip', 'holiday', 'holidays', 'vacation', 'conference', 'wedding', 'stop',
  'stopover', 'layover', 'landed', 'arrived', 'arrive', 'arriving', 'currently', 'still', 'now', 'back', 'home', 'house', 'flat', 'apartment', 'hotel', 'event'];
const MOTION = ['move', 'moved', 'moving', 'relocate', 'relocated', 'relocating', 'travel', 'travelled', 'traveled', 'travelling', 'traveling', 'fly', 'flying', 'flew',
  'flight', 'go', 'going', 'went', 'drive', 'driving', 'drove', 'trip', 'back', 'come', 'coming', 'came', 'arrive', 'arrived', 'arriving', 'return', 'returned',
  'returning', 'commute', 'commuting', 'ship', 'shipped', 'shipping', 'send', 'sent', 'sending', 'deliver', 'delivered', 'visit', 'visiting', 'visited', 'train',
  'bus', 'heading', 'headed', 'invites', 'invited', 'transferred', 'emigrated', 'immigrated'];
const ORIGIN = ["i'm", 'i am', 'am', 'is', 'are', 'was', 'originally', 'hello', 'greetings', 'fresh', 'hails', 'comes', 'come', 'came', 'moved', 'relocated', 'flew', 'flying',
  'travelling', 'traveling', 'driving', 'returning', 'here', 'friends', 'family', 'people', 'someone', 'guy', 'girl', 'woman', 'man'];
const anyCase = (words: readonly string[]): string =>
  cueAlternation([...new Set(words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()]))]);
const AFTER_PREPOSITION = new RegExp(`(?<![${L}])(?:(?:${anyCase(BEFORE_BEING)})[ ](?:${anyCase(BEING)})|(?:${anyCase(MOTION)})(?:[ ](?:here|back|over|down|up|out|away|home))?[ ](?:to|from|in|into|via)|(?:${anyCase(ORIGIN)})[ ]from|(?:from)[ ](?=\\p{Lu}[^\\n]{0,40}[ ]to[ ]\\p{Lu})|(?<=from[ ]${PLACE}[ ])to)[ ](?:the[ ])?(${PLACE})${AFTER_PLACE}`, 'gu');
// Mid-sentence, after "in", "near" or "from" and a lowercase word before it ("10th year in STAVANGER", "street in
// Highveld"), and after the nouns that name a place ("University of Vierhöf", "the town of Tobel").
const MID_SENTENCE = new RegExp(`(?:(?<=[\\p{Ll}\\d,;)] )(?:in|near|from)[ ](${PLACE})|(?<![${L}])(?:[Uu]niversity|[Cc]ity|[Tt]own|[Vv]illage|[Cc]ounty|[Pp]rovince|[Rr]egion|[Mm]unicipality|[Dd]istrict|[Pp]ort|[Ss]uburb) of[ ](${PLACE})|(?<=[\\p{Ll}] )world to[ ](${PLACE}))${AFTER_PLACE}`, 'gu');
// A record line that starts with a name and lists fields between dashes or middle dots.
const FIELD = new RegExp(`(?<=[ \\t][—–·|][ \\t])(${PLACE})(?=[ \\t]+[—–·|][ \\t]|[ \\t]*$)`, 'gmu');

/** Does the line holding `at` start with a field made of ordinary words only ("Account", "Home", "Sign in")? */
function menuLine(text: string, at: number): boolean {
  const head = /^[^—–·|\n]*/.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1))![0];
  const words = head.match(/\p{L}[\p{L}\p{M}'’-]*/gu);
  return words !== null && words.every((w) => isCommonWord(w.toLowerCase()));
}

function collect(re: RegExp, text: string, out: Candidate[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1] ?? m[2] ?? m[3];
    if (!name) continue;
    const start = m.index + m[0].length - name.length;
    out.push({ start, end: start + name.length });
  }
}

/** Candidate place spans; `text` is read once per pattern. */
export function structuralPlaces(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (text.length < 6 || !/[ \t][\p{Lu}]/u.test(text)) return out;
  if (/ (?:in|at|near|to|from|into|via) \p{Lu}/u.test(text)) collect(AFTER_PREPOSITION, text, out);
  if (/ (?:in|near|from|of|to) \p{Lu}/u.test(text)) collect(MID_SENTENCE, text, out);
  if (/[ \t][—–·|][ \t]\p{Lu}/u.test(text) && /[—–·|][^\n]*[—–·|]/u.test(text)) {
    const fields: Candidate[] = [];
    collect(FIELD, text, fields);
    // A record line starts with someone's name; a line that starts with an ordinary word is a menu or a breadcrumb
    // ("Account · Notifications · Privacy · Billing · Sign out"), its fields no places.
    for (const f of fields) if (!menuLine(text, f.start)) out.push(f);
  }
  return out;
}
