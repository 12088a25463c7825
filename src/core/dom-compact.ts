// A smaller dom_tree for dialogues: keeps element ids, roles, names and the
// attributes a model acts on; drops the rest; clips to a character budget.
const KEEP = /^(id|role|aria-label|name|type|placeholder|href|value|alt|title|checked|selected|disabled)$/;

export function compactDom(xml: string, maxChars = 8000): string {
  const slim = xml.replace(/<([a-z_][a-z0-9_.-]*)((?:\s+[a-z_][a-z0-9_.:-]*="[^"]*")*)\s*(\/?)>/g, (_m, tag: string, attrs: string, self: string) => {
    const kept = (attrs.match(/\s+[a-z_][a-z0-9_.:-]*="[^"]*"/g) ?? [])
      .filter((a) => KEEP.test(a.trim().split('=')[0]!))
      .join('');
    return `<${tag}${kept}${self}>`;
  });
  return slim.length > maxChars ? `${slim.slice(0, maxChars)}…` : slim;
}
