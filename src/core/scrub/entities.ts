// Named-entity recognition behind a small interface, so a stronger model can
// replace compromise without touching the redactor.
import nlp from 'compromise';

export type EntityType = 'person' | 'place' | 'organization';

export interface EntitySpan { start: number; end: number; type: EntityType }

export interface EntityRecognizer {
  find(text: string, types: readonly EntityType[]): EntitySpan[];
}

/** Lowercase first names from compromise's own lexicon (about 3,000), to spot "assigned to maria gonzalez". */
let firstNames: Set<string> | null = null;
function knownFirstNames(): Set<string> {
  if (!firstNames) {
    firstNames = new Set(Object.entries(lexiconOf())
      .filter(([, tags]) => (Array.isArray(tags) ? tags : [tags]).some((t) => /FirstName|MaleName|FemaleName/.test(t)))
      .map(([word]) => word));
  }
  return firstNames;
}

/**
 * Text with no capitalised word after its first word (most UI labels: "Add to
 * cart", "Sign in") and no known first name is skipped: compromise runs at
 * tens of KB/s and finds nothing there anyway.
 */
function capitalisedCue(text: string): boolean {
  return /[a-z0-9,;:'"]\s+[A-Z][a-z]/.test(text) || /^[A-Z][a-z]+\s+[A-Z][a-z]+/.test(text.trim())
    || /\b(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?\s+[A-Z]/.test(text) || /\b(?:Inc|Corp|LLC|Ltd|GmbH|University|Bank)\b/.test(text);
}

/** Is `word` (lowercase) a first name in compromise's lexicon (English names: "adam", "brian")? */
export function isKnownFirstName(word: string): boolean {
  return knownFirstNames().has(word);
}

function hasFirstName(text: string): boolean {
  const names = knownFirstNames();
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).some((w) => names.has(w));
}

/** Words before a name in lowercase text: "by james", "to maria", "hi olga". */
const NAME_CUE = /(?:^|\s)(?:by|to|from|with|for|dear|hi|hello|hey|thanks|thank you|cc|@)\s*$/i;

/**
 * In lowercase text compromise also takes "grace period" or "adam optimizer"
 * for people. There a person must follow a cue word ("by james"), or be a
 * first name followed by words that are not ordinary vocabulary ("maria gonzalez").
 */
function plausibleLowercasePerson(text: string, start: number, end: number): boolean {
  if (NAME_CUE.test(text.slice(0, start))) return true;
  const words = text.slice(start, end).toLowerCase().split(/\s+/);
  if (words.length < 2 || !knownFirstNames().has(words[0]!)) return false;
  const lexicon = lexiconOf();
  return words.slice(1).every((w) => !lexicon[w] || /LastName|FirstName|MaleName|FemaleName|Honorific/.test(String(lexicon[w])));
}

/** Is `word` (lowercase) ordinary vocabulary in compromise's lexicon, not a name? ("date", "reviews", "adult") */
export function isCommonWord(word: string): boolean {
  const tags = lexiconOf()[word];
  return tags !== undefined && !/Name|Honorific|Person|Place|Country|City|Region|Organization|Company|Demonym/.test(String(tags));
}

/** Is `word` (lowercase) a demonym in compromise's lexicon ("croatian", "dutch")? An adjective, not a place. */
export function isDemonym(word: string): boolean {
  const tags = lexiconOf()[word];
  return tags !== undefined && /Demonym/.test(String(tags));
}

function lexiconOf(): Record<string, string | string[]> {
  // compromise's types do not describe model(); its lexicon maps a word to its tag(s).
  return (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
}

const TRIM = /[\s.,;:!?]+$/;
/**
 * compromise slows down more than linearly on long text (1 MB of "a.a.a." took
 * minutes): longer text is read in pieces of about this size, cut at a line
 * break or a space where there is one, so a name is rarely split.
 */
const CHUNK = 4000;

/** [start, end) pieces of `text`, each at most CHUNK long. */
function pieces(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const window = text.slice(start + CHUNK / 2, end);
      const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
      if (cut >= 0) end = start + CHUNK / 2 + cut + 1;
    }
    out.push([start, end]);
    start = end;
  }
  return out;
}

export class CompromiseRecognizer implements EntityRecognizer {
  private readonly cache = new Map<string, EntitySpan[]>();

  find(text: string, types: readonly EntityType[]): EntitySpan[] {
    if (text.length > CHUNK) {
      return pieces(text).flatMap(([start, end]) =>
        this.find(text.slice(start, end), types).map((e) => ({ ...e, start: e.start + start, end: e.end + start })));
    }
    if (types.length === 0 || text.length < 3) return [];
    const capitalised = capitalisedCue(text);
    if (!capitalised && !hasFirstName(text)) return [];
    const key = `${types.join(',')}\u0000${text}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const doc = nlp(text);
    const spans: EntitySpan[] = [];
    const add = (view: { out: (format: 'offset') => unknown }, type: EntityType): void => {
      for (const o of view.out('offset') as { text: string; offset: { start: number; length: number } }[]) {
        const clean = o.text.replace(TRIM, '');
        if (clean.length < 2) continue;
        spans.push({ start: o.offset.start, end: o.offset.start + clean.length, type });
      }
    };
    if (types.includes('person')) add(doc.people(), 'person');
    if (capitalised) {
      if (types.includes('place')) add(doc.places(), 'place');
      if (types.includes('organization')) add(doc.organizations(), 'organization');
    } else {
      // Lowercase text was only let in for a first name: keep plausible people, nothing else.
      for (let i = spans.length - 1; i >= 0; i--) if (!plausibleLowercasePerson(text, spans[i]!.start, spans[i]!.end)) spans.splice(i, 1);
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(key, spans);
    return spans;
  }
}
