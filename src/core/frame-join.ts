// Join a cross-origin frame's dom_tree into the top-level tree: the top frame
// marks each such iframe with frame-id="N" (N from the browser's frame ids),
// and the frame's own tree goes inside that element. Frames use disjoint id
// ranges, so ids stay unique in the joined tree.
export function joinFrameTree(topXml: string, frameId: number, frameXml: string): string | null {
  const re = new RegExp(`<(iframe|frame)(\\s[^>]*?\\sframe-id="${frameId}"[^>]*?)(/>|>(?:[\\s\\S]*?)</\\1>)`);
  const m = re.exec(topXml);
  if (!m) return null;
  const replacement = `<${m[1]}${m[2]}>${frameXml}</${m[1]}>`;
  return topXml.slice(0, m.index) + replacement + topXml.slice(m.index + m[0].length);
}
