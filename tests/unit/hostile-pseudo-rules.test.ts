// @vitest-environment happy-dom
// A hostile page's style sheets against PseudoContentRules (content/pseudo-content): thousands of ::before rules
// keyed by one class. Each was bucketed by copying the bucket (quadratic: 40,000 rules cost 20 s of the page's
// thread at every re-read, measured); they are appended in place, and every one still counts.
import { describe, expect, it } from 'vitest';
import { PseudoContentRules } from '../../src/content/pseudo-content';

describe('many ::before rules of one class', () => {
  it('are all bucketed: an element only the last one matches is found', () => {
    const n = 5000;
    const style = document.createElement('style');
    style.textContent = Array.from({ length: n }, (_v, i) => `.x[data-k="${i}"]::before{content:"a"}`).join('\n');
    document.head.replaceChildren(style);
    document.body.innerHTML = `<span class="x" data-k="${n - 1}">last</span><span class="x" data-k="none">none</span>`;
    const rules = new PseudoContentRules();
    expect(rules.refresh(document)).toHaveLength(n);
    const [last, none] = Array.from(document.querySelectorAll('span'));
    expect(rules.matches(last!)).toBe(true);
    expect(rules.matches(none!)).toBe(false);
    document.head.replaceChildren();
  });
});
