// A Recorder on the test's window, begun as the content script begins one (task 'task-1', tab 7, frame 0), with
// the observers a test names reporting to it. Its messages go to ./sent-messages (the test mocks the polyfill so).
import { Recorder } from '../../src/content/recorder';
import { Outbox } from '../../src/content/outbox';
import { passThroughRedactor } from '../../src/core/redactor';
import type { ObserverParam } from '../../src/content/observers/observer-param';
import { sent } from './sent-messages';

type Observer = (win: Window, param: ObserverParam) => () => void;

const stops: (() => void)[] = [];

export function startRecording(instruction: string, ...observers: Observer[]): Recorder {
  const rec = new Recorder(window, passThroughRedactor, new Outbox());
  const param = rec.observerParam();
  const started = observers.map((init) => init(window, param));
  rec.begin({ taskId: 'task-1', instruction, startedAt: 1 }, passThroughRedactor, 1, { tabId: 7, frameId: 0 });
  stops.push(() => { started.forEach((stop) => stop()); rec.end(); });
  return rec;
}

/** Ends every recording begun and forgets what was sent (a test's afterEach). */
export function endRecordings(): void {
  stops.splice(0).forEach((stop) => stop());
  sent.length = 0;
}
