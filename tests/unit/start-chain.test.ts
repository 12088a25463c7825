// @vitest-environment happy-dom
// The content script's start chain (recorder.iife: starting, startsUnderway, stopsSeen, the start gate) under
// Stops and Starts at awkward moments, its scrubber taking 50 ms to load. The real content script runs on
// happy-dom, as in prerender-start.test.ts. A Stop while a start loaded used to let it begin anyway (a recorder
// left on after Stop), and a click held for that start was replayed into the next task.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const browserSide = vi.hoisted(() => ({
  sent: [] as { kind: string }[],
  storageListeners: [] as ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[],
  scrubberMs: 50,
}));

vi.mock('webextension-polyfill', async () => (await import('./fake-content-browser')).contentBrowser(browserSide, local));
vi.mock('../../src/content/redactor-loader', async () => {
  const { createScrubber } = await import('../../src/core/scrub/scrubber');
  const { defaultConfig } = await import('../../src/core/scrub/default-config');
  return { loadScrubber: () => new Promise((r) => setTimeout(() => r(createScrubber(defaultConfig(), null)), browserSide.scrubberMs)) };
});

const state = (taskId: string) => ({ taskId, instruction: 'x', startedAt: Date.now() });
function write(value: unknown): void {
  if (value) local.set('recording', value);
  else local.delete('recording');
  for (const l of browserSide.storageListeners) l({ recording: { newValue: value ?? undefined } }, 'local');
}
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const trusted = <E extends Event>(e: E): E => { Object.defineProperty(e, 'isTrusted', { value: true }); return e; };
/** A person's click on the page's button (a trusted pointerdown, then click). */
function personClicks(): void {
  const b = document.getElementById('b')!;
  b.dispatchEvent(trusted(new PointerEvent('pointerdown', { bubbles: true, composed: true, clientX: 5, clientY: 5, button: 0 })));
  b.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, clientX: 5, clientY: 5, button: 0, detail: 1 })));
}
/** A person's click on the page's button; resolves to whether it became a step sent to the worker. */
async function clickRecorded(): Promise<boolean> {
  const before = browserSide.sent.filter((m) => m.kind === 'step/record').length;
  personClicks();
  await wait(400);
  return browserSide.sent.filter((m) => m.kind === 'step/record').length > before;
}

async function loadPage(): Promise<void> {
  // The page before (an earlier test's content script) stops: its listeners stay on this window.
  for (const l of browserSide.storageListeners) l({ recording: { newValue: undefined } }, 'local');
  await wait(300);
  browserSide.storageListeners.length = 0;
  browserSide.sent.length = 0;
  document.body.innerHTML = '<button id="b">Go</button>';
  vi.resetModules();
  await import('../../src/content/recorder.iife');
}

beforeEach(() => {
  local.clear();
  browserSide.sent.length = 0;
  browserSide.scrubberMs = 50;
});

/** A new page, then Start (t1), and a Stop and a Start (t2) in one task while t1's start loads its scrubber. */
async function restartedWhileLoading(): Promise<void> {
  await loadPage();
  await wait(100);
  write(state('t1'));
  await wait(10);
  write(null);
  write(state('t2'));
}

describe('the start chain under Stops and Starts', () => {
  it('a Stop while the page-load start loads its scrubber: not recording, and a later Start records', async () => {
    local.set('recording', state('t1'));
    await loadPage();
    await wait(10);
    write(null);
    await wait(200);
    expect(await clickRecorded()).toBe(false);
    write(state('t2'));
    await wait(200);
    expect(await clickRecorded()).toBe(true);
  }, 15_000);

  it('a Stop and a Start in one task while a start loads: the page records the new task', async () => {
    await restartedWhileLoading();
    await wait(300);
    expect(await clickRecorded()).toBe(true);
  }, 15_000);

  it('Start, Stop, Start in one task with nothing loaded yet: records', async () => {
    await loadPage();
    write(state('t1'));
    write(null);
    write(state('t2'));
    await wait(300);
    expect(await clickRecorded()).toBe(true);
  }, 15_000);

  it('a click while a Start (stopped, then started again) loads is one step of the new task', async () => {
    await restartedWhileLoading();
    personClicks();
    await wait(400);
    const steps = browserSide.sent.filter((m) => m.kind === 'step/record') as unknown as { draft: { taskId: string; action: { type: string } } }[];
    expect(steps.map((s) => [s.draft.taskId, s.draft.action.type])).toEqual([['t2', 'click']]);
  }, 15_000);

  it('a click held while task 1 started, then Stop and Start of task 2 before it began, is no step of task 2', async () => {
    await loadPage();
    await wait(100);
    write(state('t1'));
    personClicks();
    await wait(10);
    write(null);
    const t2 = state('t2');
    write(t2);
    await wait(400);
    const steps = browserSide.sent.filter((m) => m.kind === 'step/record') as unknown as { draft: { taskId: string; timestamp: number } }[];
    expect(steps.filter((s) => s.draft.taskId === 't2' && s.draft.timestamp < t2.startedAt)).toEqual([]);
  }, 15_000);
});
