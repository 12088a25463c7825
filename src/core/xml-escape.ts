// XML escaping for dom_tree text and attributes. Control characters that XML
// 1.0 forbids are dropped, so the tree always parses.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXmlText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}

/** The text or attribute value the two escapes above wrote (the dropped control characters stay dropped). */
export function unescapeXml(s: string): string {
  return s.includes('&') ? s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') : s;
}

/** A tag or attribute name that is a valid XML name, or null. */
export function xmlName(name: string): string | null {
  const lower = name.toLowerCase();
  return /^[a-z_][a-z0-9_.-]*$/.test(lower) ? lower : null;
}
