// Bundled into the benchmark page: rrweb-snapshot's full snapshot(), the peer we measure against.
import { snapshot } from 'rrweb-snapshot';

(globalThis as unknown as { rrwebSnapshot: unknown }).rrwebSnapshot = { snapshot };
