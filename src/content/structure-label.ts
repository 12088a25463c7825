// What the page's structure says a piece of text is, for the scrubber: only
// a recorder sees these cues, and they name values no pattern could:
// - a table cell: its column's header ("Customer", "Assignee", "Author");
// - a <dd>: the <dt> before it ("Name", "Phone");
// - itemprop="name" / "telephone" / "birthDate" / …: schema.org's own word;
// - a link to a profile (/user/…, /profile/…, /u/…, rel=author): an author;
// - an avatar image: its alt text is a name.
// The label is read, never recorded: the text is scrubbed as if it followed "label:".
import { attrOf, childrenOf, closestOf, MAX_WALK, parentElementOf, previousElementSiblingOf, querySelectorOf, tagOf } from './dom-safe';

const ITEMPROP_LABEL: Record<string, string> = {
  name: 'Name', givenname: 'Name', familyname: 'Name', additionalname: 'Name', author: 'Author', creator: 'Author', employee: 'Name',
  telephone: 'Phone', faxnumber: 'Phone', email: 'Email', birthdate: 'Date of birth', streetaddress: 'Address', address: 'Address',
  postalcode: 'Address', taxid: 'Tax ID', vatid: 'Tax ID', identifier: 'ID number',
};
const PROFILE_LINK = /\/(?:user|users|profile|profiles|people|member|members|u|author|authors|@)[/=]|\/@[\w.-]+|[?&](?:user|uid|profile)=/i;
const AVATAR = /avatar|profile[-_ ]?(?:pic|photo|image|img)|user[-_ ]?(?:pic|photo|image|img)/i;

function textOf(el: Element | null | undefined): string {
  try {
    return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  } catch {
    return '';
  }
}

/** The cells of a row, by its children (not HTMLTableRowElement.cells: a page may clobber it). */
const cellsOf = (row: Element): Element[] => childrenOf(row).filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th');
const spanOf = (cell: Element): number => Math.max(1, Number(attrOf(cell, 'colspan')) || 1);

/** The header of the cell's column, from the table's first row (in thead or not). */
function columnHeader(cell: Element): string {
  try {
    const row = parentElementOf(cell);
    const table = closestOf(cell, 'table');
    if (!table || !row || tagOf(row) !== 'tr') return '';
    const headerRow = querySelectorOf(table, 'tr');
    if (!headerRow || headerRow === row) return '';
    let column = 0;
    for (const c of cellsOf(row)) {
      if (c === cell) break;
      column += spanOf(c);
    }
    let at = 0;
    for (const h of cellsOf(headerRow)) {
      if (at === column) return textOf(h);
      at += spanOf(h);
      if (at > column) return '';
    }
  } catch {
    // a hostile or detached table: no label
  }
  return '';
}

/** The label the structure around `el` gives to the text directly inside it, or undefined. */
export function structureLabel(el: Element | null): string | undefined {
  if (!el) return undefined;
  try {
    const tag = tagOf(el);
    const itemprop = attrOf(el, 'itemprop');
    if (itemprop) {
      const label = ITEMPROP_LABEL[itemprop.trim().toLowerCase()];
      if (label) return label;
    }
    if (tag === 'td' || tag === 'th') return columnHeader(el) || undefined;
    if (tag === 'dd') {
      let dt = previousElementSiblingOf(el);
      for (let i = 0; dt && tagOf(dt) !== 'dt' && i < MAX_WALK; i++) dt = previousElementSiblingOf(dt);
      return textOf(dt) || undefined;
    }
    const link = closestOf(el, 'a');
    if (link) {
      const href = attrOf(link, 'href') ?? '';
      if ((attrOf(link, 'rel') ?? '').split(/\s+/).includes('author') || PROFILE_LINK.test(href)) return 'Author';
    }
    // Text inside a cell's own wrapper (<td><span>Ana</span></td>): the cell's column still names it.
    const cell = parentElementOf(el);
    if (cell && (tagOf(cell) === 'td' || tagOf(cell) === 'dd') && childrenOf(cell).length === 1) return structureLabel(cell);
  } catch {
    // a page that throws from its getters gets no label, not a broken snapshot
  }
  return undefined;
}

/** An avatar's alt text is a person's name. */
export function imageLabel(img: Element, name: string): string | undefined {
  if (name !== 'alt' && name !== 'title') return undefined;
  try {
    const hint = `${attrOf(img, 'class') ?? ''} ${attrOf(img, 'src') ?? ''} ${attrOf(img, 'id') ?? ''}`;
    return AVATAR.test(hint) ? 'Name' : undefined;
  } catch {
    return undefined;
  }
}
