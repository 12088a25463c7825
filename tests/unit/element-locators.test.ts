// @vitest-environment happy-dom
// Selectors a replay can trust: names the page gave (a grid's row and column
// keys, test ids, form names) before positions, which a virtualised list
// reuses for other rows; never a name that holds a secret.
import { describe, expect, it } from 'vitest';
import { cssSelector, selectorNames } from '../../src/content/element-locators';

const grid = (rows: string[]): string => `<div id="grid"><div class="viewport"><div class="rows">${rows.map((sku) =>
  `<div role="row" row-id="${sku}"><div class="cells"><div col-id="sku">${sku}</div><div col-id="product">Lamp</div></div></div>`).join('')}</div></div></div>`;

describe('cssSelector', () => {
  it('anchors on a row key and a column key, and stops climbing once unique', () => {
    document.body.innerHTML = grid(['SKU-1', 'SKU-2', 'SKU-3']);
    const cell = document.querySelector('[row-id="SKU-2"] [col-id="product"]')!;
    const selector = cssSelector(cell);
    expect(selector).toBe('div[row-id="SKU-2"] > div > div[col-id="product"]');
    expect(document.querySelectorAll(selector)).toHaveLength(1);
    // The rows are recycled in another order: the selector still names the same row.
    document.body.innerHTML = grid(['SKU-3', 'SKU-2', 'SKU-1']);
    expect(document.querySelector(selector)!.parentElement!.parentElement!.getAttribute('row-id')).toBe('SKU-2');
  });

  it('falls back to positions under the nearest id when nothing is named', () => {
    document.body.innerHTML = '<main id="app"><ul><li>a</li><li><span>b</span></li></ul></main>';
    expect(cssSelector(document.querySelector('li:nth-of-type(2) span')!)).toBe('#app > ul > li:nth-of-type(2) > span');
  });

  it('never names a value the filter refuses, nor one a selector cannot hold plainly', () => {
    document.body.innerHTML = '<form id="f"><input name="jane.doe@example.com"><input name="a>b"><input data-testid="email"></form>';
    const secret = (v: string): boolean => !v.includes('@');
    expect(cssSelector(document.querySelectorAll('input')[0]!, secret)).toBe('#f > input:nth-of-type(1)');
    expect(cssSelector(document.querySelectorAll('input')[1]!)).toBe('#f > input:nth-of-type(2)');
    expect(cssSelector(document.querySelectorAll('input')[2]!)).toBe('input[data-testid="email"]');
  });

  it('joins a shadow host and the element inside with >>>', () => {
    document.body.innerHTML = '<x-field id="name"></x-field>';
    const root = document.querySelector('#name')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<label>Name <input name="display"></label>';
    expect(cssSelector(root.querySelector('input')!)).toBe('#name >>> input[name="display"]');
  });
});

describe('selectorNames', () => {
  it('lists the ids and attribute values a selector names, unescaped', () => {
    expect(selectorNames('#a\\.b > div[row-id="SKU-\\"1\\""] > input[name="q"]')).toEqual(['a.b', 'SKU-"1"', 'q']);
  });
  it('undoes hex escapes, which take the whitespace after them: an id made of a card number is read whole', () => {
    expect(selectorNames('#\\34 111111111111111 > span')).toEqual(['4111111111111111']);
    expect(selectorNames('[data-id="\\34 111"]')).toEqual(['4111']);
  });
});
