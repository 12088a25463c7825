import { describe, expect, it } from 'vitest';
import { EXIT_FRESH_MS, exitByScript, lastActionAgo, leftByScript, navigationChain, type Arrival, type LeftPage } from '../../src/core/navigation-chain';
import { restrictedPageState } from '../../src/core/page-state';

const left = (at: number, arrival: Arrival | null = null, lastAction: LeftPage['lastAction'] = null): LeftPage => ({
  state: restrictedPageState(`http://127.0.0.1/p${at}`, `page ${at}`, { width: 800, height: 600 }, at), arrival, lastAction,
});
const arrival = (at: number, navigation: Arrival['navigation'] = 'reload'): Arrival => ({ url: `http://127.0.0.1/a${at}`, navigation, at });

describe('navigationChain', () => {
  it('pairs the one page left with the reporting page', () => {
    const { links, stale } = navigationChain([left(100)], arrival(150));
    expect(links).toEqual([{ before: left(100), arrival: arrival(150), current: true }]);
    expect(stale).toEqual([]);
  });

  it('recovers the arrival of a page that was left before its report got through', () => {
    // Page 1 left at 100; page 2 loaded at 150, never acknowledged, left at 600; page 3 reports at 650.
    const { links } = navigationChain([left(600, arrival(150)), left(100)], arrival(650, 'typed'));
    expect(links.map((l) => [l.before.state.at, l.arrival.at, l.current])).toEqual([[100, 150, false], [600, 650, true]]);
  });

  it('drops a page already taken by an acknowledged report (its clearing was lost)', () => {
    const { links, stale } = navigationChain([left(100), left(600)], arrival(650));
    expect(stale.map((s) => s.state.at)).toEqual([100]);
    expect(links.map((l) => l.before.state.at)).toEqual([600]);
  });

  it('never claims a page left after the reporting page loaded (a late report)', () => {
    // Page 2 loaded at 150 and reported late; by then it was itself left at 600 with its arrival in hand.
    const { links } = navigationChain([left(100), left(600, arrival(150))], arrival(150));
    expect(links).toEqual([{ before: left(100), arrival: arrival(150), current: true }]);
  });

  it('has nothing to pair when no page was handed over', () => {
    expect(navigationChain([], arrival(10))).toEqual({ links: [], stale: [] });
  });
});

describe('lastActionAgo', () => {
  const causes = (t: string): boolean => t === 'click';
  it('measures from an action that can cause a navigation to the page leaving', () => {
    expect(lastActionAgo(left(1000, null, { at: 700, type: 'click' }), causes)).toBe(300);
    expect(lastActionAgo(left(1000, null, { at: 700, type: 'scroll' }), causes)).toBeNull();
    expect(lastActionAgo(left(1000), causes)).toBeNull();
  });
});

describe('leftByScript', () => {
  const page = (exit: LeftPage['exit']): LeftPage => ({ ...left(5000), exit });
  it('is the page\'s own script when its last navigate event had no person behind it', () => {
    expect(leftByScript(page({ at: 4800, byPerson: false }))).toBe(true);
    expect(leftByScript(page({ at: 4800, byPerson: true }))).toBe(false);
  });
  it('knows nothing without a navigate event (the browser\'s own navigations fire none), or from a stale one', () => {
    expect(leftByScript(page(null))).toBe(false);
    expect(leftByScript(page(undefined))).toBe(false);
    // A script navigation that led nowhere (a 204) long before the person typed an address.
    expect(leftByScript(page({ at: 5000 - EXIT_FRESH_MS - 1, byPerson: false }))).toBe(false);
  });
});

describe('exitByScript', () => {
  it('reads the exit a page noted when its navigate event fired, for a hand-over that never landed', () => {
    expect(leftByScript({ ...left(5000), exit: null }, { at: 4900, byPerson: false })).toBe(true);
    expect(exitByScript({ at: 4900, byPerson: false }, 5000)).toBe(true);
    expect(exitByScript({ at: 4900, byPerson: true }, 5000)).toBe(false);
    expect(exitByScript(null, 5000)).toBe(false);
    // Noted after the page was left: the next page's own.
    expect(exitByScript({ at: 5100, byPerson: false }, 5000)).toBe(false);
  });
});
