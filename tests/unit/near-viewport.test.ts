// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NearViewport } from '../../src/content/near-viewport';

/** A button whose box is at `top` (happy-dom has no layout). */
function button(top: number): HTMLButtonElement {
  const b = document.createElement('button');
  b.getBoundingClientRect = () => ({ x: 10, y: top, top, left: 10, right: 110, bottom: top + 30, width: 100, height: 30, toJSON: () => ({}) });
  document.body.append(b);
  return b;
}

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('NearViewport', () => {
  it('keeps elements within 200 px of the viewport, in idle time, and sweeps again after a scroll', async () => {
    vi.useFakeTimers();
    const near = new NearViewport(window);
    near.start();
    const inside = button(100);
    const margin = button(window.innerHeight + 150);
    const far = button(window.innerHeight + 900);
    [inside, margin, far].forEach((b) => near.watch(b));
    expect(near.near.size).toBe(0); // nothing measured on the spot
    await vi.runAllTimersAsync();
    expect([...near.near]).toEqual([inside, margin]);

    far.getBoundingClientRect = inside.getBoundingClientRect;
    window.dispatchEvent(new Event('scroll'));
    await vi.runAllTimersAsync();
    expect(near.near.has(far)).toBe(true);
    near.stop();
  });

  it('drops elements that left the document', async () => {
    vi.useFakeTimers();
    const near = new NearViewport(window);
    near.start();
    const b = button(10);
    near.watch(b);
    await vi.runAllTimersAsync();
    expect(near.near.has(b)).toBe(true);
    b.remove();
    near.invalidate();
    await vi.runAllTimersAsync();
    expect(near.near.has(b)).toBe(false);
  });
});
