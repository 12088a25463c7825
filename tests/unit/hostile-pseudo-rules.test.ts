// @vitest-environment happy-dom
// A hostile page's style sheets against PseudoContentRules (content/pseudo-content): thousands of ::before rules
// keyed by one class. Each was bucketed by copying the bucket (quadratic: 40,000 rules cost 20 s of the page's
// thread at every re-read, measured); they are appended in place, and every one still counts.
import { describe, expect, it } from 'vitest';
import { PseudoContentRules } from '../../src/content/pseudo-content';

describe('many ::before rules of one class', () => {
  it('are all bucketed: an element only the last one matches is found, one of another class is not', () => {
    const n = 5000;
    const style = document.createElement('style');
    style.textContent = Array.from({ length: n }, (_v, i) => `.x[data-k="${i}"]::before{content:"a"}`).join('\n');
    document.head.replaceChildren(style);
    document.body.innerHTML = `<span class="x" data-k="${n - 1}">last</span><span class="y" data-k="none">none</span>`;
    const rules = new PseudoContentRules();
    expect(rules.refresh(document)).toHaveLength(n);
    const [last, none] = Array.from(document.querySelectorAll('span'));
    expect(rules.matches(last!)).toBe(true);
    expect(rules.matches(none!)).toBe(false);
    document.head.replaceChildren();
  });

  it('more rules under one key than are matched one by one: an element with that key is taken to match (read when near)', () => {
    const style = document.createElement('style');
    style.textContent = Array.from({ length: 2000 }, (_v, i) => `:nth-child(${i + 5000})::before{content:"a"}`).join('\n')
      + Array.from({ length: 2000 }, (_v, i) => `[data-a${i}]::before{content:"a"}`).join('\n');
    document.head.replaceChildren(style);
    document.body.innerHTML = '<span id="plain">a</span><span id="keyed" data-a7="1">b</span>';
    const rules = new PseudoContentRules();
    rules.refresh(document);
    expect(rules.matches(document.getElementById('plain')!)).toBe(true);
    document.head.replaceChildren();
  });

  it('attribute rules are found by the element\'s own attributes', () => {
    const style = document.createElement('style');
    style.textContent = Array.from({ length: 300 }, (_v, i) => `[data-a${i}]::before{content:"a"}`).join('\n');
    document.head.replaceChildren(style);
    document.body.innerHTML = '<span id="keyed" data-a299="1">b</span><span id="other" data-b="1">c</span>';
    const rules = new PseudoContentRules();
    rules.refresh(document);
    expect(rules.matches(document.getElementById('keyed')!)).toBe(true);
    expect(rules.matches(document.getElementById('other')!)).toBe(false);
    document.head.replaceChildren();
  });
});
