// @vitest-environment happy-dom
// A click on a wrapper names the control it belongs to: a tab's inner part
// inside its shadow root, an icon in a button, a header cell's label; a
// wrapper of a list item or a click on a control itself is left as it is.
import { describe, expect, it } from 'vitest';
import { clickedControl } from '../../src/content/clicked-control';

/** An event whose composed path runs from `origin` up through its ancestors and shadow hosts. */
function clickOn(origin: Element): Event {
  const path: EventTarget[] = [];
  for (let n: Node | null = origin; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) path.push(n);
  return { composedPath: () => path } as unknown as Event;
}

describe('clickedControl', () => {
  it('climbs from a wrapper to the control with a role a person clicks, across a shadow root', () => {
    document.body.innerHTML = '<sl-tab role="tab" id="t"></sl-tab><button id="b"><span><svg id="i"></svg></span></button><div role="columnheader" id="h"><div><span id="l">Price</span></div></div>';
    const root = document.getElementById('t')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<div part="base"><span id="inner">Billing</span></div>';
    const inner = root.getElementById('inner')!;
    expect(clickedControl(clickOn(inner), inner)?.id).toBe('t');
    const icon = document.getElementById('i')!;
    expect(clickedControl(clickOn(icon), icon)?.id).toBe('b');
    const label = document.getElementById('l')!;
    expect(clickedControl(clickOn(label), label)?.id).toBe('h');
  });

  it('leaves a control, a wrapper of something else, and one too far up alone', () => {
    document.body.innerHTML = '<button id="b">Go</button><a href="/x"><li id="li"><span id="s">Item</span></li></a><button><div><div><div><div><span id="deep">x</span></div></div></div></div></button>';
    const b = document.getElementById('b')!;
    expect(clickedControl(clickOn(b), b)).toBeNull();
    const s = document.getElementById('s')!;
    expect(clickedControl(clickOn(s), s)).toBeNull();
    const deep = document.getElementById('deep')!;
    expect(clickedControl(clickOn(deep), deep)).toBeNull();
  });
});
