// A fake ObserverParam for observer tests: it records what the observers report and the elements they capture,
// with no Recorder and no browser; `trusted` marks an event as a browser's own, as page scripts cannot.
import { GestureStart } from '../../src/content/observers/gesture-start';
import type { LastStep, ObserverParam } from '../../src/content/observers/observer-param';
import type { ActionFields, PreAction } from '../../src/content/recorder';

export interface Report { pre: PreAction; action: ActionFields }

export function fakeParam(lastStep: LastStep | null = null): { param: ObserverParam; reports: Report[]; captured: (Element | null)[] } {
  const reports: Report[] = [];
  const captured: (Element | null)[] = [];
  const param: ObserverParam = {
    recording: true,
    lastStep,
    where: null,
    gesture: new GestureStart(),
    isSensitive: () => false,
    capture: (element) => {
      captured.push(element);
      return { element, time: captured.length } as unknown as PreAction;
    },
    emit: (pre, action) => { reports.push({ pre, action }); },
    holdEdit: () => Promise.resolve(true),
    dropEdit: () => undefined,
    onBeforeCapture: () => () => undefined,
    leave: () => undefined,
    retarget: (pre, control) => ({ ...pre, element: control }),
    toTop: (x, y) => [x, y],
    redactUrl: (url) => url,
    reportingArrival: () => undefined,
  };
  return { param, reports, captured };
}

export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
