// A DomSnapshotter started as the content script starts it, and stopped after the test that made it. Left running,
// its idle sweep outlived the test: one that fired after the file's DOM environment was torn down threw an
// unhandled "Node is not defined", which failed the unit run of a CI on a busy machine.
import { afterEach } from 'vitest';
import { DomSnapshotter } from '../../src/content/dom-snapshot';

const running: DomSnapshotter[] = [];
afterEach(() => {
  for (const snap of running.splice(0)) snap.stop();
});

export function startSnapshotter(...args: ConstructorParameters<typeof DomSnapshotter>): DomSnapshotter {
  const snap = new DomSnapshotter(...args);
  snap.start();
  running.push(snap);
  return snap;
}
