// @vitest-environment happy-dom
// Observers need no Recorder: given an ObserverParam (content/observers/observer-param), they report what the
// page did through it. Here a fake param records what they report; events are marked trusted as a browser would.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { initFormObserver } from '../../src/content/observers/form-observer';
import { fakeParam, trusted } from './fake-observer-param';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: () => Promise.resolve() } } }));

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  vi.useRealTimers();
});

describe('observers report through their ObserverParam', () => {
  it('a press on a checkbox and its change make one check step, from the press\'s snapshot', () => {
    document.body.innerHTML = '<label>Agree <input type="checkbox" id="agree"></label>';
    const { param, reports, captured } = fakeParam();
    stops.push(initPointerObserver(window, param), initInputObserver(window, param));
    const box = document.getElementById('agree') as HTMLInputElement;
    box.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 12, clientY: 34, button: 0 })));
    expect(captured).toEqual([box]);
    box.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 12, clientY: 34, button: 0, detail: 1 })));
    expect(reports).toEqual([]);
    box.checked = true;
    box.dispatchEvent(trusted(new Event('change', { bubbles: true, composed: true })));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.action).toEqual({ type: 'check', coordinates: [12, 34], checked: true });
    // The press's own snapshot (time 1), not a new one: the page may have changed since.
    expect(reports[0]!.pre).toMatchObject({ element: box, time: 1 });
    expect(captured).toHaveLength(1);
    // The press was taken by the step it served.
    expect(param.gesture.pointer).toBeNull();
  });

  it('a submit right after a key step is that step\'s effect; without one it is a submit step', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    document.body.innerHTML = '<form><input name="q"></form>';
    const form = document.querySelector('form')!;
    const afterKey = fakeParam({ at: Date.now(), type: 'key' });
    stops.push(initFormObserver(window, afterKey.param));
    form.dispatchEvent(trusted(new Event('submit', { bubbles: true, composed: true })));
    expect(afterKey.reports).toEqual([]);
    stops.splice(0).forEach((stop) => stop());

    const alone = fakeParam(null);
    stops.push(initFormObserver(window, alone.param));
    form.dispatchEvent(trusted(new Event('submit', { bubbles: true, composed: true })));
    expect(alone.reports.map((r) => r.action)).toEqual([{ type: 'submit', coordinates: null }]);
    expect(alone.captured).toEqual([form]);
  });
});
