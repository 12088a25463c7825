// The page's tree(s) in a dialogue's observation: the pruned dom_tree, the
// axtree (one node per line, the same ids), or both, each cut to what the
// example can afford. Many agents read only the accessibility tree because a
// 16k-element dom_tree does not fit their context (issue 26, item 5).
import type { Step } from './schema';
import { compactDom } from './dom-compact';

export const OBSERVATION_TREES = ['dom', 'axtree', 'both'] as const;
export type ObservationTree = (typeof OBSERVATION_TREES)[number];

/** Below this many characters a tree says nothing useful: it is left out rather than cut to a stub. */
const MIN_TREE_CHARS = 200;

/** The axtree cut at a line boundary, saying how much was left out (never inside a quoted name). */
export function cutAxTree(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf('\n', Math.max(0, maxChars - 40));
  const head = cut > 0 ? text.slice(0, cut) : '';
  return `${head}${head ? '\n' : ''}[cut: ${text.length - head.length} chars]`;
}

/**
 * The observation's tree text for a step within `maxChars`: `DOM:` and/or `Accessibility tree:` sections. A
 * step without an axtree (recorded before it existed) falls back to its DOM, so no step loses its tree.
 */
export function treeText(step: Step, which: ObservationTree, maxChars: number): string {
  const ax = step.observation.axtree;
  const wantAx = which !== 'dom' && !!ax;
  const wantDom = which !== 'axtree' || !ax;
  const each = wantAx && wantDom ? Math.floor(maxChars / 2) : maxChars;
  if (each < MIN_TREE_CHARS) return '';
  const parts: string[] = [];
  if (wantDom) parts.push(`DOM:\n${compactDom(step.observation.dom_tree, each - 6)}`);
  if (wantAx) parts.push(`Accessibility tree:\n${cutAxTree(ax, each - 20)}`);
  return parts.join('\n');
}
