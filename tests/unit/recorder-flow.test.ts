// Recorder flows: valid for @puppeteer/replay's parser (what DevTools imports),
// stringified to a Puppeteer script, every recorded step accounted for.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from '@puppeteer/replay';
import { recorderFlow, comparableUrl, framePath } from '../../src/core/recorder-flow';
import type { Step } from '../../src/core/schema';
import { step } from './fixtures';

const at = (id: number, action: Step['action'], target: Step['target'] = step(1).target): Step => ({ ...step(id), action, target });

describe('recorderFlow', () => {
  const steps: Step[] = [
    at(1, { type: 'click', coordinates: [60, 35], element_id: 42 }),
    at(2, { type: 'type', coordinates: null, element_id: 42, text: '<REDACTED>' }, { ...step(1).target!, role: 'textbox', name: 'Email' }),
    at(3, { type: 'key', coordinates: null, element_id: null, key: 'Control+a' }, null),
    at(4, { type: 'select', coordinates: null, element_id: 42, value: 'asc', label: 'Price: low to high' }),
    at(5, { type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 400 } }, null),
    at(6, { type: 'click', coordinates: [60, 35], element_id: 42 }, { ...step(1).target!, selector: 'my-app >>> button.buy', xpath: '/html[1]/body[1]/my-app[1]/#shadow-root/button[1]' }),
    at(7, { type: 'navigate', coordinates: null, element_id: null, url: 'http://127.0.0.1/demo/next?token=<REDACTED>', navigation: 'link' }, null),
    at(8, { type: 'tab_switch', coordinates: null, element_id: null }, null),
  ];
  const { flow, plan } = recorderFlow('Buy a cable', steps);

  it('parses as a DevTools Recorder flow and stringifies to a Puppeteer script', async () => {
    const parsed = parse(JSON.parse(JSON.stringify(flow)));
    expect(parsed.steps.map((s) => s.type)).toEqual(['setViewport', 'navigate', 'click', 'change', 'keyDown', 'keyDown', 'keyUp', 'keyUp', 'change', 'scroll', 'click', 'waitForExpression']);
    const script = await stringify(parsed);
    expect(script).toContain("require('puppeteer')");
    expect(script).toContain('<REDACTED>');
  });

  it('uses aria, css (shadow DOM as a list) and xpath selectors, with offsets in the target', () => {
    expect(flow.steps[2]).toMatchObject({ selectors: ['aria/Add to cart[role="button"]', 'button', 'xpath//html[1]/body[1]/button[1]'], offsetX: 50, offsetY: 15 });
    expect(flow.steps[10]).toMatchObject({ selectors: ['aria/Add to cart[role="button"]', ['my-app', 'button.buy']] });
  });

  it('accounts for every recorded step, and says why one cannot be replayed', () => {
    expect(plan.map((p) => p.stepId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan.at(-1)).toEqual({ stepId: 8, type: 'tab_switch', skip: expect.stringMatching(/tabs/) });
    expect(comparableUrl('http://h/p?token=%3CREDACTED%3E&q=1')).toBe('http://h/p?q=1');
  });
});

describe('recorderFlow: elements that name themselves', () => {
  it('scrolls the element that scrolled (a grid viewport), and the page when the page did', () => {
    const { flow } = recorderFlow('Scroll', [
      at(1, { type: 'scroll', coordinates: [300, 400], element_id: 42, scroll: { x: 0, y: 2400, selector: '#grid > div.viewport' } }),
      at(2, { type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 300, selector: 'my-list >>> div.items' } }, null),
      at(3, { type: 'scroll', coordinates: null, element_id: null, scroll: { x: 0, y: 900 } }, null),
    ]);
    const scrolls = parse(JSON.parse(JSON.stringify(flow))).steps.filter((s) => s.type === 'scroll');
    expect(scrolls).toEqual([
      { type: 'scroll', selectors: ['#grid > div.viewport'], x: 0, y: 2400 },
      { type: 'scroll', selectors: [['my-list', 'div.items']], x: 0, y: 300 },
      { type: 'scroll', x: 0, y: 900 },
    ]);
  });

  it('leaves out the positional XPath when the CSS selector is anchored on a name the page gave', () => {
    const cell = { ...step(1).target!, role: 'gridcell', name: 'Desk lamp 96', selector: 'div[row-id="SKU-00761"] > div > div[col-id="product"]', xpath: '/html[1]/body[1]/div[2]/div[14]/div[1]' };
    const { flow } = recorderFlow('Pick', [at(1, { type: 'click', coordinates: [300, 320], element_id: 42 }, cell)]);
    expect(flow.steps[2]).toMatchObject({ selectors: ['aria/Desk lamp 96[role="gridcell"]', 'div[row-id="SKU-00761"] > div > div[col-id="product"]'] });
  });
});

describe('framePath', () => {
  it('finds the frames between the page and an element, by index among their siblings', () => {
    const dom = '<html id="1"><body id="2"><iframe id="3" frame-id="7"/><iframe id="4" frame-id="8"><html id="5"><body id="6"><button id="9">Pay</button></body></html></iframe><button id="10">Top</button></body></html>';
    expect(framePath(dom, 9)).toEqual([1]);
    expect(framePath(dom, 10)).toBeUndefined();
    expect(framePath(dom, null)).toBeUndefined();
  });
});
