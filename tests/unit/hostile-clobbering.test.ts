// @vitest-environment happy-dom
// A hostile page's forms against the observers: `<input name="contains">` makes form.contains that input in every
// world (the content script's too), so a call of form.contains(…) throws, the guard swallows it, and the step the
// person made is lost. happy-dom does not clobber, so the form gets the same own property here, as a browser does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initPointerObserver } from '../../src/content/observers/pointer-observer';
import { initDragObserver } from '../../src/content/observers/drag-observer';
import { initInputObserver } from '../../src/content/observers/input-observer';
import { initScrollObserver } from '../../src/content/observers/scroll-observer';
import type { ObserverParam } from '../../src/content/observers/observer-param';
import { fakeParam, trusted, type Report } from './fake-observer-param';

vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage: () => Promise.resolve() } } }));

/** Types " world" into the contenteditable form on the page (its #para), clobbered, and leaves it; what was reported. */
function typeInClobberedForm(): Report[] {
  const { form, reports } = observeClobberedForm(initPointerObserver, initInputObserver);
  const para = document.getElementById('para')!;
  para.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 5, clientY: 5, button: 0 })));
  para.textContent = 'Hello world';
  form.dispatchEvent(trusted(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: ' world' })));
  para.dispatchEvent(trusted(new FocusEvent('focusout', { bubbles: true, composed: true })));
  return reports;
}

/** As a browser does: each named control shadows the prototype's member on its form. */
function clobber(form: HTMLFormElement): void {
  for (const input of Array.from(form.querySelectorAll('input[name]'))) {
    Object.defineProperty(form, input.getAttribute('name')!, { value: input, configurable: true });
  }
}

/** The page's form, clobbered, watched by `observers` on a fake param: the form, what they report, and how to stop them. */
function observeClobberedForm(...observers: ((win: Window, param: ObserverParam) => () => void)[]): { form: HTMLFormElement; reports: Report[]; stop: () => void } {
  const form = document.querySelector('form')!;
  clobber(form);
  const { param, reports } = fakeParam();
  const started = observers.map((init) => init(window, param));
  const stop = (): void => started.splice(0).forEach((s) => s());
  stops.push(stop);
  return { form, reports, stop };
}

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

describe('a form whose control is named contains', () => {
  it('dragged by a part of it, still makes the drag step, from the press', () => {
    document.body.innerHTML = '<form id="card" draggable="true"><input type="hidden" name="contains"><span id="grip">Drag me</span></form>';
    const { form, reports } = observeClobberedForm(initPointerObserver, initDragObserver);
    const grip = document.getElementById('grip')!;
    grip.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 10, clientY: 10, button: 0 })));
    form.dispatchEvent(trusted(new DragEvent('dragstart', { bubbles: true, composed: true, clientX: 10, clientY: 10 })));
    form.dispatchEvent(trusted(new DragEvent('dragend', { bubbles: true, composed: true, clientX: 200, clientY: 90 })));
    expect(reports.map((r) => r.action.type)).toEqual(['drag']);
    expect(reports[0]!.pre).toMatchObject({ time: 1 }); // the press's snapshot
  });

  it('edited as a whole (contenteditable), keeps its typing when focus moves inside it', () => {
    document.body.innerHTML = '<form id="note" contenteditable="true"><input type="hidden" name="contains"><p id="para">Hello</p></form>';
    const reports = typeInClobberedForm();
    expect(reports.map((r) => r.action.type)).toEqual(['type']);
  });

  it('edited as a whole, with a control named innerText, types what the person typed', () => {
    document.body.innerHTML = '<form id="note" contenteditable="true"><input type="hidden" name="innerText"><input type="hidden" name="textContent"><p id="para">Hello</p></form>';
    const reports = typeInClobberedForm();
    expect(reports.map((r) => r.action)).toEqual([expect.objectContaining({ type: 'type', text: expect.stringContaining('Hello world') })]);
  });

  it('scrolled, with controls named scrollTop and scrollLeft, reports the offsets it scrolled to', () => {
    document.body.innerHTML = '<form id="list" style="overflow:auto;height:50px"><input type="hidden" name="scrollTop"><input type="hidden" name="scrollLeft"><div style="height:500px">Rows</div></form>';
    document.querySelector('form')!.scrollTop = 120;
    const { form, reports, stop } = observeClobberedForm(initScrollObserver);
    form.dispatchEvent(trusted(new WheelEvent('wheel', { bubbles: true, composed: true, clientX: 5, clientY: 5, deltaY: 120 })));
    form.dispatchEvent(trusted(new Event('scroll')));
    stop(); // ends the burst: its step now
    expect(reports.map((r) => r.action)).toEqual([expect.objectContaining({ type: 'scroll', scroll: { x: 0, y: 120, selector: '#list' } })]);
  });
});
