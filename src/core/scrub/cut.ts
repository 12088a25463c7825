// Cutting text to a length, for text that is already scrubbed. A cut made
// before scrubbing can leave half a secret that no rule knows any more (200
// characters of a label ending in "ghp_Zq8RkT2vLm9XwN4p…"), so every cut in a
// step comes after its scrub (see step-boundary).

/** Raw characters the page reads for a target's name or text: several times the stored length, so the cut after scrubbing falls well before where the read stopped. */
export const RAW_TEXT_BUDGET = 1000;

/** A placeholder cut open ("<REDAC"): the cut moves before it. Placeholders are <TAG> or <REDACTED:rule>. */
const OPEN_PLACEHOLDER = /<[A-Za-z_:]*$/;

/** `text`, already scrubbed, cut to at most `max` characters (an ellipsis marking the cut), never inside a placeholder. */
export function cutScrubbed(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const open = OPEN_PLACEHOLDER.exec(text.slice(0, end));
  if (open && /^[A-Za-z_:]*>/.test(text.slice(end))) end = open.index;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * Raw text read up to `budget` characters: when it runs over, the rest is dropped back to the last whitespace,
 * so the read itself never ends inside a token (a key, a card group) that scrubbing must see whole.
 */
export function withinBudget(text: string, budget: number): { text: string; full: boolean } {
  if (text.length <= budget) return { text, full: true };
  const head = text.slice(0, budget);
  const space = head.search(/\s\S*$/);
  return { text: space >= 0 ? head.slice(0, space) : '', full: false };
}
