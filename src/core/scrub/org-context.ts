// Organisations with no legal form, by what a sentence says of them: the subject of "is a … company", "is a
// 501(c)3", "was founded in 1988", "is the brainchild of"; and the names listed after a plural noun of firms
// ("the car manufacturers …: Demystdata, Reed Elsevier and T Rowe Price"). Each returns candidate [start, end)
// spans of capitalised words; the caller drops ordinary words, pronouns and public brands.

export interface Candidate { start: number; end: number }

/** 1–4 capitalised words, with "&", "and", "of" between them: "Standard And Poors", "Reed Elsevier", "T Rowe Price". */
const ORG_NAME = "\\p{Lu}[\\p{L}\\p{M}'’.-]*(?:[ ](?:(?:&|and|of)[ ])?\\p{Lu}[\\p{L}\\p{M}'’.-]*){0,3}";
/** What an organisation is: the head noun of "is a (Swedish multinational investment) bank". */
const KIND = '(?:company|companies|agency|firm|bank|startup|start-up|non-?profit|501\\(c\\)\\s?3|organi[sz]ation|corporation|conglomerate|manufacturer|retailer|provider|consultancy|charity|foundation|publisher|insurer|lender|brand|business|enterprise|nonprofit)';
// Subject at a sentence's or clause's start, then its predicate.
const SUBJECT_IS = new RegExp(`(?:^|[.!?]\\s+|,\\s+|:\\s+|\\n)(${ORG_NAME})[ ](?:is|was|has been|became)[ ](?:a|an|the|one of the)[ ](?:[\\p{L}\\d-]+[ ]){0,5}?${KIND}(?![\\p{L}])`, 'gdu');
const SUBJECT_DID = new RegExp(`(?:^|[.!?]\\s+|,\\s+|\\n)(${ORG_NAME})[ ](?:is the brainchild of|was founded in|was founded by|is headquartered in|was acquired by|went public)(?![\\p{L}])`, 'gdu');
/**
 * An organisation as the object of what only an organisation takes: renamed ("later became Zillow in 2014",
 * "rebranded as …"), owning a website ("according to the Costquest website"), a record label ("recorded for
 * Analytica"), an employer's letter or job ("her Allianz resignation letter"), a venue before its address ("meet
 * at Incadence, 08428 Calle …"), an employer a cover letter names ("Looking to support MysticWeb in …", "excited to join …").
 */
const OBJECT_OF = new RegExp(`(?<![\\p{L}])(?:(?:became|renamed(?: to| as)?|rebranded(?: to| as)?)[ ](${ORG_NAME})(?=[ ]in[ ](?:1[89]|20)\\d\\d(?!\\d))`
  + `|the[ ](${ORG_NAME})(?=[ ](?:website|web site|homepage|webpage|web page)(?![\\p{L}]))`
  + `|recorded[ ](?:for|with)[ ](${ORG_NAME})`
  + `|(?:her|his|my|their|your|our)[ ](${ORG_NAME})(?=[ ](?:resignation|job offer|offer letter|internship|interview|contract|colleagues|coworkers|co-workers|badge|paycheck|pension)(?![\\p{L}]))`
  + `|at[ ](${ORG_NAME})(?=,[ ]\\d{4,6}[ ]\\p{Lu}\\p{Ll})`
  + `|(?:[Ll]ooking|[Hh]oping|[Ee]xcited|[Ee]ager|[Kk]een|[Pp]roud|[Tt]hrilled|[Hh]appy|[Dd]elighted)[ ]to[ ](?:support|join|work for|work at)[ ](${ORG_NAME}))`, 'gdu');
const OBJECT_GATE = /to (?:support|join|work) |became|renamed|rebranded|website|web site|homepage|web ?page|recorded|resignation|job offer|offer letter|internship|interview|contract|colleagues|co-?workers|badge|paycheck|pension|at \p{Lu}[^,\n]{0,60}, \d/u;

/** A list after a plural noun of firms and a colon: "…car manufacturers that dominate …: A, B and C". */
const FIRMS_LIST = /\b(?:companies|manufacturers|brands|firms|banks|sponsors|clients|employers|vendors|suppliers|carmakers|automakers|retailers|insurers|lenders|startups)\b[^.:\n]{0,80}:[ \t]*([^.\n]{3,160})/gu;
const ITEM = new RegExp(`^${ORG_NAME}$`, 'u');
const GATE = /\b(?:is|was|has been|became) (?:a|an|the|one)\b|brainchild|founded|headquartered|acquired|went public/;
const LIST_GATE = /\b(?:companies|manufacturers|brands|firms|banks|sponsors|clients|employers|vendors|suppliers|carmakers|automakers|retailers|insurers|lenders|startups)\b/;

function collect(re: RegExp, text: string, out: Candidate[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [start, end] = m.indices![1]!;
    out.push({ start, end });
  }
}

/** Candidate organisation spans from what a sentence says of them; `text` is read once per pattern. */
export function contextualOrgs(text: string): Candidate[] {
  const out: Candidate[] = [];
  if (text.length < 8) return out;
  if (GATE.test(text)) {
    collect(SUBJECT_IS, text, out);
    collect(SUBJECT_DID, text, out);
  }
  if (OBJECT_GATE.test(text)) {
    OBJECT_OF.lastIndex = 0;
    for (let m = OBJECT_OF.exec(text); m; m = OBJECT_OF.exec(text)) {
      const k = [1, 2, 3, 4, 5, 6].find((g) => m![g] !== undefined)!;
      const [start, end] = m.indices![k]!;
      out.push({ start, end });
    }
  }
  if (!text.includes(':') || !LIST_GATE.test(text)) return out;
  FIRMS_LIST.lastIndex = 0;
  for (let m = FIRMS_LIST.exec(text); m; m = FIRMS_LIST.exec(text)) {
    const listStart = m.index + m[0].length - m[1]!.length;
    // Items between commas and a last "and"; a list of anything else ends it.
    const items = m[1]!.split(/(,[ ]+(?:and[ ]+)?|[ ]+and[ ]+)/);
    let at = listStart;
    for (const piece of items) {
      if (/^(?:,[ ]+(?:and[ ]+)?|[ ]+and[ ]+)$/.test(piece)) {
        at += piece.length;
        continue;
      }
      const item = piece.replace(/[ "”'’)]+$/, '');
      if (!ITEM.test(item)) break;
      out.push({ start: at, end: at + item.length });
      at += piece.length;
    }
  }
  return out;
}
