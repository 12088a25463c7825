// @vitest-environment happy-dom
// The page as the content script sends it: a step's draft, the page state handed over at pagehide and the final
// state at Stop are built by one function (Recorder's observedPage).
import { afterEach, describe, expect, it, vi } from 'vitest';

const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: (message: unknown) => { sent.push(message); return Promise.resolve({ ok: true }); } } },
}));

import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { passThroughRedactor } from '../../src/core/redactor';
import { pageState } from '../../src/content/observers/navigation-observer';
import { finalObservation } from '../../src/content/final-observation';
import type { StepDraft } from '../../src/core/step-draft';

const STATE = { taskId: 'task-1', instruction: 'write a note', startedAt: 1 };

const drafts = (): StepDraft[] => sent.flatMap((m) => ((m as { kind: string }).kind === 'step/record' ? [(m as { draft: StepDraft }).draft] : []));

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  sent.length = 0;
});

function recording(): Recorder {
  const rec = new Recorder(window, passThroughRedactor, new Outbox());
  rec.begin(STATE, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
  stops.push(() => rec.end());
  return rec;
}

describe('finalObservation', () => {
  it('holds the fields of a step\'s observation and of the page state, the time apart', async () => {
    document.body.innerHTML = '<main><button id="b">Save</button></main>';
    const rec = recording();
    const param = rec.observerParam();
    param.emit(param.capture(document.getElementById('b')), { type: 'click', coordinates: [1, 2] });
    rec.drainEmits();
    await vi.waitFor(() => expect(drafts()).toHaveLength(1));
    const keys = (o: object): string[] => Object.keys(o).sort();
    const final = finalObservation(rec, window);
    const state = pageState(param, window);
    const { draftId: _d, taskId: _t, timestamp: _ts, action: _a, target: _g, pageWork: _w, ...observed } = drafts()[0]!;
    expect(keys(final)).toEqual(keys(observed));
    expect(keys(state)).toEqual([...keys(final), 'at'].sort());
    expect(final).toMatchObject({ domTree: '', title: state.title, url: state.url, viewport: state.viewport, devicePixelRatio: state.devicePixelRatio });
    expect(final).not.toHaveProperty('at');
  });
});
