import { describe, expect, it } from 'vitest';
import { navigationStep } from '../../src/core/navigation-cause';

describe('navigationStep', () => {
  it.each([
    [{ transitionType: 'typed', qualifiers: ['from_address_bar'] }, 500, 'typed'],
    [{ transitionType: 'reload', qualifiers: [] }, 200, 'reload'],
    [{ transitionType: 'link', qualifiers: ['forward_back'] }, 100, 'back_forward'],
    [{ transitionType: 'link', qualifiers: [] }, 400, null],
    [{ transitionType: 'form_submit', qualifiers: [] }, 150, null],
    [{ transitionType: 'link', qualifiers: [] }, null, 'link'],
    [{ transitionType: 'link', qualifiers: ['client_redirect'] }, null, null],
  ] as const)('%j, last action %s ms before -> %s', (commit, ago, expected) => {
    expect(navigationStep({ transitionType: commit.transitionType, qualifiers: [...commit.qualifiers] }, 'link', ago)).toBe(expected);
  });

  it('a page its own script took away is no step, whatever the commit says, unless the browser says its address bar was used', () => {
    // history.back() and the back button commit alike (forward_back); location.reload() commits as a reload.
    expect(navigationStep({ transitionType: 'link', qualifiers: ['forward_back'] }, 'back_forward', null, true)).toBeNull();
    expect(navigationStep({ transitionType: 'typed', qualifiers: ['forward_back'] }, 'back_forward', null, true)).toBeNull();
    expect(navigationStep({ transitionType: 'reload', qualifiers: [] }, 'reload', null, true)).toBeNull();
    expect(navigationStep({ transitionType: 'link', qualifiers: [] }, 'link', null, true)).toBeNull();
    expect(navigationStep(null, 'back_forward', null, true)).toBeNull();
    // No script types an address: the person did, after the page's own navigation went nowhere.
    expect(navigationStep({ transitionType: 'typed', qualifiers: ['from_address_bar'] }, 'typed', null, true)).toBe('typed');
  });

  it('falls back to the page\'s own view without a commit', () => {
    expect(navigationStep(null, 'reload', null)).toBe('reload');
    expect(navigationStep(null, 'link', 100)).toBeNull();
    // A reload or back/forward right after a click is still a step (as with a commit saying so).
    expect(navigationStep(null, 'reload', 100)).toBe('reload');
    expect(navigationStep(null, 'back_forward', 100)).toBe('back_forward');
    expect(navigationStep({ transitionType: 'reload', qualifiers: [] }, 'reload', 100)).toBe('reload');
  });
});
