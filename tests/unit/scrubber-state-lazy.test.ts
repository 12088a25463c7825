// The worker's scrubbers (background/scrubber-state) import their modules at first use, so a waking worker does not
// evaluate them: concurrent first calls share one scrubber and one NER recognizer, and a config saved between calls,
// or while a call is under way, is the one later calls use (from attack 20).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  const listeners: (() => void)[] = [];
  let gate: Promise<void> | null = null;
  return {
    data, listeners,
    setGate(p: Promise<void> | null) { gate = p; },
    async get(keys: string[]) { if (gate) await gate; return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)])); },
    ner: { n: 0 },
    created: { n: 0 },
    fac: { n: 0 },
  };
});
vi.mock('../../src/platform/stores', () => ({
  localStore: () => ({ get: (keys: string[]) => h.get(keys), set: async (o: Record<string, unknown>) => { for (const [k, v] of Object.entries(o)) h.data.set(k, v); h.listeners.forEach((l) => l()); } }),
  onLocalChange: (_keys: string[], cb: () => void) => { h.listeners.push(cb); return () => undefined; },
}));
vi.mock('../../src/core/scrub/cued-entities', async (orig) => {
  const real = await orig<typeof import('../../src/core/scrub/cued-entities')>();
  return { ...real, defaultEntityRecognizer: () => { h.ner.n++; return real.defaultEntityRecognizer(); } };
});
vi.mock('../../src/core/scrub/scrubber', async (orig) => {
  h.fac.n++;
  const real = await orig<typeof import('../../src/core/scrub/scrubber')>();
  return { ...real, createScrubber: (...a: Parameters<typeof real.createScrubber>) => { h.created.n++; return real.createScrubber(...a); } };
});

// Loaded once first: vitest's async mock factories can hand concurrent first imports the unmocked module.
await import('../../src/core/scrub/scrubber');
await import('../../src/core/scrub/cued-entities');
const state = await import('../../src/background/scrubber-state');
const { DEFAULT_CONFIG_TEXT } = await import('../../src/core/scrub/default-config');
const { parseScrubConfig } = await import('../../src/core/scrub/config');

const otherText = DEFAULT_CONFIG_TEXT.replace(/phone: true/, 'phone: false');
const SAMPLE = 'Email Jane Roe at jane@example.com or call +1 415 555 0132 on March 3, 2025';

describe('scrubber-state with import() at first use', () => {
  beforeEach(() => { h.ner.n = 0; h.created.n = 0; });

  it('two concurrent first calls share one scrubber and one NER recognizer', async () => {
    const [a, b] = await Promise.all([state.activeScrubber(), state.activeScrubber()]);
    expect(a).toBe(b);
    const [c, d] = await Promise.all([state.fullScrubber(), state.fullScrubber()]);
    expect(c).toBe(d);
    expect(h.ner.n).toBe(1);
    // As the built worker bundle scrubs it (the one-file build run in node, in attack 20).
    expect(c.redact(SAMPLE).text).toBe('<REDACTED> at <REDACTED> or call <REDACTED> on March 3, 2025');
    expect(a.redact(SAMPLE).text).toBe('Email Jane Roe at <REDACTED> or call <REDACTED> on March 3, 2025');
  });

  it('a config saved between two calls is used by the second, and after', async () => {
    expect(otherText).not.toBe(DEFAULT_CONFIG_TEXT);
    const first = await state.activeScrubber();
    const saved = await state.saveConfig(otherText);
    expect(saved.ok).toBe(true);
    const second = await state.activeScrubber();
    expect(second).not.toBe(first);
    expect(second.redact('call +1 415 555 0132').text).toContain('415');
    const full = await state.fullScrubber();
    expect(full.redact('call +1 415 555 0132').text).toContain('415');
    expect(await state.activeScrubber()).toBe(second);
  });

  it('a call in flight across a change does not leave the old config cached for later callers', async () => {
    // Reset to default config.
    await state.saveConfig(DEFAULT_CONFIG_TEXT);
    let open!: () => void;
    h.setGate(new Promise<void>((r) => { open = r; }));
    // The config memo dropped: the next call reads storage, held here.
    h.listeners.forEach((l) => l());
    const old = state.activeScrubber();
    // A new config saved while that read is held, then the read let go.
    const parsed = parseScrubConfig(otherText);
    if (!parsed.ok) throw new Error('the test config does not parse');
    h.data.set('scrubConfigText', otherText);
    h.data.set('scrubConfig', parsed.config);
    h.listeners.forEach((l) => l());
    const fresh = state.activeScrubber();
    open();
    h.setGate(null);
    await Promise.all([old, fresh]);
    const later = await state.activeScrubber();
    expect(later.redact('call +1 415 555 0132').text).toContain('415');
  });
});
