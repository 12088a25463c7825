// Organisations by their legal form, as written after the name in 30-odd countries: "Nordlicht Logistik GmbH",
// "Wendeborn & Kötter GmbH & Co. KG", "Kearney Whitlam Pty. Ltd.", "Pietrzyk Budownictwo sp. z o.o.",
// "Procházka Stavby s.r.o.", "Fujimoto Shoji K.K.", "Karaca Tekstil Ltd. Şti.", "Corrib Medtech DAC".
// The suffix is found first (one alternation, longest first), then the capitalised words before it on the same
// line are walked back over (with "&", "and", "i", "e", "y" between them): the name is those words and the form.

import { cueAlternation } from './cues';

/** Legal forms as written, dots and all; compared case-sensitively where the short form is also a word. */
const FORMS = [
  'GmbH & Co. KGaA', 'GmbH & Co. KG', 'GmbH & Co KG', 'UG (haftungsbeschränkt)', 'AB (publ)', 'Pty. Ltd.', 'Pty Ltd.', 'Pty Ltd', 'Pty. Ltd', 'Pvt. Ltd.', 'Pvt Ltd.',
  'Pvt Ltd', 'Private Limited', 'Pte. Ltd.', 'Pte Ltd', 'Sdn. Bhd.', 'Sdn Bhd', 'Ltd. Şti.', 'Ltd. Sti.', 'Ltd.Şti.', 'Co., Ltd.', 'Co., Ltd', 'Co. Ltd.', 'Co. Ltd',
  'sp. z o.o.', 'Sp. z o.o.', 'sp. z o. o.', 'Sp. z o. o.', 'sp.k.', 'Sp.k.', 'sp. k.', 'sp.j.', 'sp. j.', 'spol. s r.o.', 's.r.o.', 's. r. o.', 'a.s.', 'v.o.s.',
  'S.A.S.', 'S.A.R.L.', 'S.à r.l.', 'S.A.', 'S.L.U.', 'S.L.', 'S.r.l.', 'S.R.L.', 'S.p.A.', 'S.C.', 'S.N.C.', 'B.V.', 'N.V.', 'V.O.F.', 'C.V.', 'e.K.', 'e.V.', 'K.K.',
  'G.K.', 'Y.K.', 'A.Ş.', 'A/S', 'Lda.', 'Ltda.', 'Ltée', 'Inc.', 'Corp.', 'Ltd.', 'L.L.C.', 'LLC', 'LLP', 'L.P.', 'PLC', 'Plc', 'plc', 'Limited', 'GmbH', 'gGmbH',
  'AG', 'KG', 'KGaA', 'OG', 'OHG', 'UG', 'SA', 'SAS', 'SASU', 'SARL', 'Sàrl', 'EURL', 'SNC', 'SCA', 'SL', 'SLU', 'SRL', 'Srl', 'SpA', 'BV', 'NV', 'VOF', 'AB', 'HB',
  'Oy', 'Oyj', 'Ab', 'AS', 'ASA', 'ApS', 'IVS', 'Kft.', 'Kft', 'Zrt.', 'Nyrt.', 'Bt.', 'KK', 'GK', 'DAC', 'Teoranta', 'CLG', 'Lda', 'Ltda', 'EIRELI', 'Inc', 'Corp',
  'Ltd', 'd.o.o.', 'd.d.', 'ehf.', 'hf.', 'OÜ', 'SIA', 'UAB', 'EOOD', 'OOD', 'Tbk', 'JSC', 'PJSC',
];
/** The words a name is made of: capitalised, any script with case, with inner dots, apostrophes and hyphens. */
const WORD = /^[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’.-]*$/u;
const DETERMINER = /^(?:The|A|An|Our|Your|My|This|That|Der|Die|Das|Le|La|Les|El|Los|Il|De|Het|Een)$/;
const CONNECTOR = /^(?:&|\+|and|und|et|e|y|i|en|och|og|ve|a|és|und)$/;
const SUFFIX = new RegExp(`(?<=[\\p{L}\\p{M}\\p{N}.)'’][,]? )(?:${cueAlternation(FORMS).replace(/\\s\+/g, ' ')})(?=$|[\\s,;:)\\]|·—–]|'s\\b|’s\\b|\\.(?!\\p{L}))`, 'gmu');
/** Cheap test first: the first two characters of some form, after a space (most page strings hold none). */
const GATE = new RegExp(`[ ,](?:${[...new Set(FORMS.map((f) => f.slice(0, 2)))].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`, 'u');

export interface OrgSpan { start: number; end: number }

/**
 * Companies named with their legal form. `stop(word)` says a capitalised word cannot be part of the name (a cue
 * word: "Company", "Customer"); the walk also stops at a line break, a tab, a colon and most punctuation.
 */
export function findLegalNames(text: string, stop: (word: string) => boolean): OrgSpan[] {
  if (!GATE.test(text)) return [];
  const out: OrgSpan[] = [];
  SUFFIX.lastIndex = 0;
  for (let m = SUFFIX.exec(text); m; m = SUFFIX.exec(text)) {
    // "Adelaide SA 5000", "Portland, ME": a two-letter form followed by a number is a region; "Limited Edition" no form.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (/^[ \t]*\d/.test(after) || /^ \p{Lu}\p{Ll}/u.test(after)) continue;
    let start = m.index;
    let words = 0;
    // Walk back over the words before the form, on its line.
    let at = m.index - 1;
    while (at >= 0) {
      while (at >= 0 && (text[at] === ' ' || text[at] === ',')) at--;
      let from = at;
      while (from >= 0 && !/[\s,:;()[\]"“”|·—–/]/.test(text[from]!)) from--;
      const word = text.slice(from + 1, at + 1);
      if (!word) break;
      const gap = text.slice(at + 1, start);
      if (gap.includes(',') && words > 0 && !/^, (?=\p{Lu})/u.test(gap)) break;
      if (CONNECTOR.test(word)) {
        // A connector joins two names: only if a capitalised word stands before it.
        const prev = /([\p{L}\p{M}\p{N}'’.-]+)[ ,]+$/u.exec(text.slice(Math.max(0, from - 40), from + 1));
        if (!prev || !WORD.test(prev[1]!) || stop(prev[1]!)) break;
        at = from;
        continue;
      }
      if (!WORD.test(word) || stop(word) || DETERMINER.test(word) || words >= 6) break;
      start = from + 1;
      words++;
      at = from;
    }
    if (words === 0) continue;
    let end = m.index + m[0].length;
    // "Ltd." and "Inc." keep their dot when it was not taken with the form.
    if (text[end] === '.' && /(?:Inc|Corp|Ltd|Pty|Pvt|Bhd|Kft|Lda|Ltda)$/.test(m[0])) end++;
    out.push({ start, end });
  }
  return out;
}
