// Bundled into the benchmark page: the recorder's snapshotter, as the content script runs it.
import { DomSnapshotter } from '../src/content/dom-snapshot';
import { ElementIds } from '../src/content/element-ids';
import { passThroughRedactor } from '../src/core/redactor';

(globalThis as unknown as { AlienBench: unknown }).AlienBench = { DomSnapshotter, ElementIds, passThroughRedactor };
