// background/page-leaving-intake: a leaving page's exit note and hand-over, sent as messages as well as written
// by the page (Firefox drops the page's own write as it unloads the page). A copy is filed once, never over the
// page's own (a decision may have marked it taken), and never once a decision has passed it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeStorageArea, type FakeArea } from './fake-storage';

const local: FakeArea = new Map();
const session: FakeArea = new Map();
vi.mock('webextension-polyfill', () => ({ default: { storage: { local: fakeStorageArea(local), session: fakeStorageArea(session) } } }));

const { takeInExitNote, takeInLeftPage, isLeftPage, isPageExit } = await import('../../src/background/page-leaving-intake');
const { readExits, readLeaving, takeExit, saveLeaving } = await import('../../src/platform/page-handoff');
const { tabMemory } = await import('../../src/background/tab-memory');
const { restrictedPageState } = await import('../../src/core/page-state');

const T = 1_700_000_000_000;
const left = (at: number) => ({
  state: { ...restrictedPageState('http://127.0.0.1:8000/a.html', 'A', { width: 800, height: 600 }, at), redactions: {} },
  arrival: null, lastAction: null, exit: { at: at - 400, byPerson: false },
});

beforeEach(() => {
  local.clear();
  session.clear();
});

describe('an exit note sent by its page', () => {
  it('is filed when the page\'s own write never landed', async () => {
    await takeInExitNote(7, { at: T + 500, byPerson: false }, T);
    expect(await readExits(7)).toEqual([{ at: T + 500, byPerson: false, page: T }]);
  });

  it('does not overwrite the page\'s own copy, which a decision may have marked as taken', async () => {
    await takeInExitNote(7, { at: T + 500, byPerson: false }, T);
    const [noted] = await readExits(7);
    await takeExit(7, noted!, T + 900);
    await takeInExitNote(7, { at: T + 500, byPerson: false }, T);
    expect((await readExits(7))[0]!.takenBy).toBe(T + 900);
  });

  it('a newer way out of the same page replaces the older note', async () => {
    await takeInExitNote(7, { at: T + 500, byPerson: false }, T);
    await takeInExitNote(7, { at: T + 800, byPerson: true }, T);
    expect(await readExits(7)).toEqual([{ at: T + 800, byPerson: true, page: T }]);
  });

  it('is dropped once a decision has passed it (the next page\'s arrival decided)', async () => {
    await tabMemory.setArrivalDecided(7, T + 900);
    await takeInExitNote(7, { at: T + 500, byPerson: false }, T);
    expect(await readExits(7)).toEqual([]);
  });
});

describe('a hand-over sent by its page', () => {
  it('is filed when the page\'s own write never landed, and only once', async () => {
    await takeInLeftPage(7, left(T + 1000));
    await takeInLeftPage(7, left(T + 1000));
    expect((await readLeaving(7)).map((l) => l.state.at)).toEqual([T + 1000]);
  });

  it('leaves the page\'s own copy as it is', async () => {
    await saveLeaving(7, { ...left(T + 1000), lastAction: { at: T + 900, type: 'click' } });
    await takeInLeftPage(7, left(T + 1000));
    expect((await readLeaving(7))[0]!.lastAction).toEqual({ at: T + 900, type: 'click' });
  });

  it('is dropped once the navigation away from its page was decided (its copy taken and cleared, or gone without)', async () => {
    await tabMemory.setArrivalDecided(7, T + 1200);
    await takeInLeftPage(7, left(T + 1000));
    expect(await readLeaving(7)).toEqual([]);
  });
});

describe('the shapes taken from a message', () => {
  it('a note and a hand-over as the page sends them pass; anything else does not', () => {
    expect(isPageExit({ at: T, byPerson: false })).toBe(true);
    expect(isPageExit({ at: 'now', byPerson: false })).toBe(false);
    expect(isPageExit(null)).toBe(false);
    expect(isLeftPage(left(T))).toBe(true);
    expect(isLeftPage({ ...left(T), exit: null })).toBe(true);
    expect(isLeftPage({ ...left(T), exit: { at: T } })).toBe(false);
    expect(isLeftPage({ state: { at: T } })).toBe(false);
    expect(isLeftPage('left')).toBe(false);
  });
});
