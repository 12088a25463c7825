// Privacy filter speed and quality:
// - text scrub throughput on a real 10k-element dom_tree (made by the
//   recorder's own snapshotter in Chromium), full rules + NER and rules only,
//   against a single-regex pass over the same string as the peer;
// - quality on the test halves of three evaluation sets side by side (bench/privacy-sets.mjs: the project's
//   corpus, presidio-synth, page structures from a separate generator): strict and lenient recall overall and
//   per type, hard negatives left unchanged, over-redaction of neighbouring characters, today's scrubber and
//   the one before issue 23's item 5 in the same run; and, beside it, the authors' own older sample
//   (bench/privacy-sample.mjs);
// - linearity: the same page's text scrubbed at 1x, 2x and 4x its size;
// - whole-frame image work per 1280x800 screenshot in the extension's own
//   offscreen code (bundled tesseract), against Chrome's capture budget of one
//   frame per 500 ms: the cost of ocr.scope full, and of any frame the DOM
//   does not describe; media crops are measured by the pipeline bench.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import { bundle, extensionId, launchBrowser, round, stats } from './lib.mjs';
import { buildSample, scoreSample } from './privacy-sample.mjs';
import { buildCorpus } from './privacy-corpus.mjs';
import { scoreCorpus } from './privacy-corpus-score.mjs';
import { evaluationSets, scoreSet } from './privacy-sets.mjs';
import { parseScrubConfig } from '../src/core/scrub/config.ts';
import { createScrubber } from '../src/core/scrub/scrubber.ts';
import { defaultEntityRecognizer } from '../src/core/scrub/cued-entities.ts';
import { rescrubDomTree } from '../src/core/rescrub.ts';
import { urlPieces } from '../src/core/scrub/url-parts.ts';
import { BEFORE_GENERALISING_COMMIT, loadBaselineScrub, loadScrubberAt } from './scrub-baseline.mjs';

const CAPTURE_INTERVAL_MS = 500;

export async function realDomTree(fixturesUrl, elements) {
  const ours = await bundle(join(import.meta.dirname, 'snapshot-entry.ts'), 'AlienBenchBundle');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${fixturesUrl}/recorder/big.html?n=${elements}`);
    await page.addScriptTag({ content: ours });
    return await page.evaluate(() => {
      const { DomSnapshotter, ElementIds, passThroughRedactor } = window.AlienBench;
      const snap = new DomSnapshotter(document, new ElementIds(), passThroughRedactor);
      snap.start();
      const xml = snap.snapshot(document.querySelector('button')).xml;
      snap.stop();
      return { xml, elements: document.getElementsByTagName('*').length };
    });
  } finally {
    await browser.close();
  }
}

function time(fn, runs) {
  fn(); // warm-up: the first run pays for compiling the patterns and building the lexicon sets
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return stats(samples).median;
}

/** This process's CPU time in ms (all its threads, the collector's too). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Medians of a and b, timed alternately (a, b, a, b, …) so drift in the machine's speed hits both; wall-clock,
 * and CPU time as a third and fourth value: on a shared 2-core machine other suites' load swings the wall-clock pair
 * (0.90 to 1.39 within 15 minutes at load 6-10) while the CPU-time pair holds (0.87-0.94).
 */
function alternate(a, b, runs) {
  a();
  b();
  const ta = [];
  const tb = [];
  const ca = [];
  const cb = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    let c = cpuMs();
    a();
    ca.push(cpuMs() - c);
    ta.push(performance.now() - t);
    t = performance.now();
    c = cpuMs();
    b();
    cb.push(cpuMs() - c);
    tb.push(performance.now() - t);
  }
  return [stats(ta).median, stats(tb).median, stats(ca).median, stats(cb).median];
}

function throughput(xml, config, baseline, start) {
  const mb = Buffer.byteLength(xml) / 1e6;
  // A fresh recogniser per run: its per-string cache must not carry over.
  const now = () => rescrubDomTree(xml, createScrubber(config, defaultEntityRecognizer()), {});
  const [full, before, fullCpu, beforeCpu] = baseline ? alternate(now, () => baseline(xml), 21) : [time(now, 5), null, null, null];
  // Against the scrubber before issue 23's item 5 (recognisers that generalise), alternately too.
  const [full2, atStart] = start ? alternate(now, () => start.rescrub(xml), 21) : [null, null];
  const rulesOnly = time(() => rescrubDomTree(xml, createScrubber(config, null), {}), 5);
  const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
  const peer = time(() => xml.replace(email, '<REDACTED>'), 9);
  return {
    dom_tree_mb: round(mb, 2),
    full_ms: round(full, 1), full_mb_s: round(mb / (full / 1000), 2),
    before_issue_14_ms: before === null ? null : round(before, 1),
    before_issue_14_mb_s: before === null ? null : round(mb / (before / 1000), 2),
    full_vs_before: before === null ? null : round(full / before, 2),
    // The same pair in CPU time (see alternate): read it when the machine is loaded.
    full_vs_before_cpu: beforeCpu === null ? null : round(fullCpu / beforeCpu, 2),
    // The same page timed alternately against the scrubber before issue 23's item 5: today's median in that pair, and its.
    full_in_pair_ms: full2 === null ? null : round(full2, 1),
    before_generalising_ms: atStart === null ? null : round(atStart, 1),
    full_vs_before_generalising: atStart === null ? null : round(full2 / atStart, 2),
    rules_only_ms: round(rulesOnly, 1), rules_only_mb_s: round(mb / (rulesOnly / 1000), 2),
    peer_one_regex_ms: round(peer, 2), peer_mb_s: round(mb / (peer / 1000), 1),
    full_vs_peer: round(full / peer, 1),
  };
}

/**
 * ms per MB of the page's text at 1x, 2x and 4x: flat means linear. Each copy's
 * text nodes are made distinct, so the scrubber's memory of short strings
 * cannot make the bigger inputs look cheaper.
 */
function linearity(xml, config) {
  const rows = [1, 2, 4].map((k) => {
    const big = Array.from({ length: k }, (_v, copy) => xml.replace(/>([^<]+)</g, (_m, t) => `>${t} ${copy}<`)).join('\n');
    const mb = Buffer.byteLength(big) / 1e6;
    const ms = time(() => rescrubDomTree(big, createScrubber(config, defaultEntityRecognizer()), {}), 3);
    return { size: `${k}x`, mb: round(mb, 2), ms: round(ms, 0), ms_per_mb: round(ms / mb, 1) };
  });
  return rows.map((r) => ({ ...r, vs_1x: round(r.ms_per_mb / rows[0].ms_per_mb, 2) }));
}

/** The corpus's test split through the scrubber's own redact(): the extension's and the CLI's code path. */
function corpusQuality(config) {
  const items = buildCorpus();
  const scrubber = createScrubber(config, defaultEntityRecognizer());
  const test = items.filter((i) => i.split === 'test');
  const s = scoreCorpus(test, (text) => scrubber.redact(text));
  return {
    items: items.length, test_items: test.length, locales: new Set(items.map((i) => i.locale)).size,
    negatives: items.filter((i) => i.labels.length === 0).length, test_negatives: s.negatives, labelled: s.labelled,
    strict_recall: round(s.strict_recall, 3), lenient_recall: round(s.lenient_recall, 3),
    negatives_unchanged: round(s.negatives_unchanged, 3), over_redaction: round(s.over_redaction, 4),
    per_type: s.types.map((t) => ({ type: t.type, labelled: t.labelled, strict_recall: round(t.strict_recall, 3), lenient_recall: round(t.lenient_recall, 3) })),
  };
}

/**
 * The three evaluation sets' test halves, today's scrubber and (when git has it) the one before issue 23's item 5,
 * both through redact(): the extension's and the CLI's code path.
 */
function setsQuality(config, start) {
  const sets = evaluationSets();
  const out = {};
  for (const [name, items] of Object.entries(sets)) {
    const scrubber = createScrubber(config, defaultEntityRecognizer());
    const s = scoreSet(items, 'test', (t) => scrubber.redact(t)).summary;
    const before = start ? scoreSet(items, 'test', ((sc) => (t) => sc.redact(t))(start.scrubber())).summary : null;
    out[name] = { ...s, before: before && { strict_recall: before.strict_recall, lenient_recall: before.lenient_recall, negatives_unchanged: before.negatives_unchanged, over_redaction: before.over_redaction, per_type: before.per_type } };
  }
  return out;
}

/** Hostile text, 1 MB each, scrubbed whole with rules and NER, beside the real page's throughput. */
function adversarial(config, pageMbS) {
  const MB = 1_000_000;
  const hex = Array.from({ length: MB }, (_v, i) => '0123456789abcdef'[(i * 7) % 16]).join('');
  const inputs = {
    'hex blob (a #pako: state URL)': hex,
    'one letter, then !': `${'a'.repeat(MB)}!`,
    'dotted letters': 'a.'.repeat(MB / 2),
    'digits and dashes': '1-'.repeat(MB / 2),
  };
  const nested = createScrubber({ ...config, custom_rules: [{ name: 'nested', pattern: '(a+)+$', flags: '', tag: 'X' }] }, defaultEntityRecognizer());
  return Object.entries(inputs).map(([input, text]) => {
    const ms = time(() => nested.redact(text), 3);
    return { input, mb: 1, ms: round(ms, 0), mb_s: round(1 / (ms / 1000), 2), vs_real_page: round(1 / (ms / 1000) / pageMbS, 2) };
  });
}

/**
 * Hostile URL-like text (urlPieces and the whole scrub), each shape at 50k and 200k repeats: time per character
 * at 4x / at 1x, near 1 when linear (a quadratic path gives about 4). Was a timed unit test; a test asserts no time.
 */
function hostileUrls(config) {
  const scrubber = createScrubber(config, defaultEntityRecognizer());
  const shapes = {
    'path of /a': (n) => '/a'.repeat(n),
    'query of a&': (n) => 'a&'.repeat(n),
    'encoded ?/=&': (n) => `?${'%2F%3F%3D%26'.repeat(n / 4)}`,
    'matrix ;a…': (n) => `/x;${'a'.repeat(n)}`,
    'a= pairs': (n) => 'a='.repeat(n),
    'host of a.': (n) => `https://${'a.'.repeat(n)}`,
  };
  return Object.entries(shapes).map(([input, make]) => {
    const [small, big] = [50_000, 200_000].map((n) => {
      const text = make(n);
      return { chars: text.length, ms: time(() => { urlPieces(text); scrubber.redact(text); }, 3) };
    });
    return { input, chars: big.chars, ms: round(big.ms, 0), per_char_4x_vs_1x: round((big.ms / big.chars) / (small.ms / small.chars), 2) };
  });
}

function quality(config) {
  const sample = buildSample();
  const scrubber = createScrubber(config, defaultEntityRecognizer());
  const score = scoreSample(sample, (text) => scrubber.find(text));
  return score;
}

/** The same PNG with one pixel changed per run, so the OCR crop cache cannot answer. */
function variants(pngBuffer, n) {
  const src = PNG.sync.read(pngBuffer);
  return Array.from({ length: n }, (_v, i) => {
    const copy = new PNG({ width: src.width, height: src.height });
    src.data.copy(copy.data);
    copy.data[(i * 4) % copy.data.length] ^= 0x01;
    return `data:image/png;base64,${PNG.sync.write(copy).toString('base64')}`;
  });
}

async function ocrTimes(fixturesUrl, dist, config) {
  const browser = await launchBrowser({ extension: dist });
  try {
    const id = await extensionId(browser);
    // Only the worker may give the offscreen document work: send from the worker itself, as the pipeline does.
    // The worker as the extension runs it: a page of the extension wakes it, then its target is attached.
    const waker = await browser.newPage();
    await waker.goto(`chrome-extension://${id}/options/options.html`);
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${id}/`));
    const worker = await target.worker();
    for (let i = 0; i < 50 && !(await worker.evaluate(() => typeof chrome !== 'undefined' && !!chrome.offscreen)); i++) await new Promise((r) => setTimeout(r, 100));
    await worker.evaluate(async () => {
      const url = chrome.runtime.getURL('offscreen/offscreen.html');
      const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
      if (!open.length) await chrome.offscreen.createDocument({ url: 'offscreen/offscreen.html', reasons: ['WORKERS'], justification: 'bench' });
    });
    const rows = [];
    for (const [name, path] of [['privacy fixture (text, image, canvas, iframe)', '/privacy/index.html'], ['demo shop', '/demo/index.html']]) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(`${fixturesUrl}${path}`);
      const png = Buffer.from(await page.screenshot({ encoding: 'base64' }), 'base64');
      await page.close();
      // The whole frame (ocr.scope full, or a frame the DOM does not describe); the shipped upscale (2x) against 1x.
      for (const upscale of [config.ocr.upscale, 1]) {
        const cfg = { ...config, ocr: { ...config.ocr, upscale } };
        const runs = [];
        let last = null;
        for (const dataUrl of variants(png, 4)) {
          const job = { imageId: 'bench', dataUrl, devicePixelRatio: 1, redactedRegions: [], mediaRegions: [], domVouches: false, config: cfg, configHash: `bench-${upscale}` };
          const t = performance.now();
          last = await worker.evaluate((j) => chrome.runtime.sendMessage({ kind: 'offscreen/scrub-frame', target: 'offscreen', job: j }), job);
          runs.push(performance.now() - t);
          if (!last?.ok) throw new Error(`OCR failed: ${last?.error}`);
        }
        const warm = stats(runs.slice(1));
        rows.push({
          screenshot: name, upscale, ocr_findings: Object.values(last.result.redactions).reduce((a, b) => a + b, 0),
          first_ms: Math.round(runs[0]), warm_median_ms: Math.round(warm.median), warm_max_ms: Math.round(warm.max),
          vs_capture_budget: round(warm.median / CAPTURE_INTERVAL_MS, 2),
        });
      }
    }
    return rows;
  } finally {
    await browser.close();
  }
}

/** Issue 23's targets on each independent set's test half (presidio-synth: strict recall >= 0.85). */
function independentTargets(sets) {
  const loose = new Set(['organization', 'place']);
  const out = [];
  for (const [name, s] of Object.entries(sets)) {
    if (name === 'own') continue;
    const types = Object.entries(s.per_type).map(([type, t]) => ({ type, ...t }));
    const strict = types.filter((t) => !loose.has(t.type)).sort((a, b) => a.strict - b.strict)[0];
    const looseWorst = types.filter((t) => loose.has(t.type)).sort((a, b) => a.strict - b.strict)[0];
    const overall = name === 'presidio' ? 0.85 : 0.95;
    out.push({ target: `${name} test half: strict recall >= ${overall}`, value: s.strict_recall, pass: s.strict_recall >= overall });
    if (name === 'presidio') continue;
    if (strict) out.push({ target: `${name} test half: strict recall >= 0.90 per type but org/place (worst: ${strict.type})`, value: strict.strict, pass: strict.strict >= 0.9 });
    if (looseWorst) out.push({ target: `${name} test half: strict recall >= 0.80 for org/place (worst: ${looseWorst.type})`, value: looseWorst.strict, pass: looseWorst.strict >= 0.8 });
    out.push({ target: `${name} test half: hard negatives unchanged >= 0.97`, value: s.negatives_unchanged, pass: s.negatives_unchanged >= 0.97 });
    out.push({ target: `${name} test half: over-redaction <= 0.02`, value: s.over_redaction, pass: s.over_redaction <= 0.02 });
  }
  return out;
}

export async function runPrivacyBench({ fixturesUrl, dist }) {
  const parsed = parseScrubConfig(readFileSync(join(import.meta.dirname, '../config/scrubber.yaml'), 'utf8'));
  if (!parsed.ok) throw new Error('the default scrubber config does not parse');
  const config = parsed.config;
  // BENCH_DOM_CACHE=1 reuses the page made by the last run (bench/.tmp/dom-10000.json): no browser for rule work.
  const cache = join(import.meta.dirname, '.tmp', 'dom-10000.json');
  const dom = process.env.BENCH_DOM_CACHE === '1' && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) : await realDomTree(fixturesUrl, 10000);
  mkdirSync(join(import.meta.dirname, '.tmp'), { recursive: true });
  writeFileSync(cache, JSON.stringify(dom));
  const start = await loadScrubberAt(BEFORE_GENERALISING_COMMIT);
  const scrub = { elements: dom.elements, ...throughput(dom.xml, config, await loadBaselineScrub(), start) };
  const hostile = adversarial(config, scrub.full_mb_s);
  const urls = hostileUrls(config);
  const worstUrl = [...urls].sort((a, b) => b.per_char_4x_vs_1x - a.per_char_4x_vs_1x)[0];
  const q = quality(config);
  const corpus = corpusQuality(config);
  const sets = setsQuality(config, start);
  const linear = linearity(dom.xml, config);
  // BENCH_PRIVACY_OCR=0 leaves out the image work (it needs the built extension and a browser for a minute).
  const ocr = process.env.BENCH_PRIVACY_OCR === '0' ? [] : await ocrTimes(fixturesUrl, dist, config);
  const loose = new Set(['organization', 'place']);
  const worstStrict = corpus.per_type.filter((t) => !loose.has(t.type)).sort((a, b) => a.strict_recall - b.strict_recall)[0];
  const worstLoose = corpus.per_type.filter((t) => loose.has(t.type)).sort((a, b) => a.strict_recall - b.strict_recall)[0];
  const targets = [
    { target: 'corpus test set: strict recall >= 0.95', value: corpus.strict_recall, pass: corpus.strict_recall >= 0.95 },
    { target: `corpus test set: strict recall >= 0.90 per type but org/place (worst: ${worstStrict.type})`, value: worstStrict.strict_recall, pass: worstStrict.strict_recall >= 0.9 },
    { target: `corpus test set: strict recall >= 0.80 for org/place (worst: ${worstLoose.type})`, value: worstLoose.strict_recall, pass: worstLoose.strict_recall >= 0.8 },
    { target: 'corpus test set: hard negatives unchanged >= 0.97', value: corpus.negatives_unchanged, pass: corpus.negatives_unchanged >= 0.97 },
    { target: 'corpus test set: over-redaction <= 0.02', value: corpus.over_redaction, pass: corpus.over_redaction <= 0.02 },
    ...independentTargets(sets),
    // Against the code before issue 14 in the same run; without git history, against that run's figure on the issue's machine.
    ...(scrub.full_vs_before_generalising === null ? [] : [{ target: 'scrub time with NER on the 10k-element page / the scrubber before issue 23 item 5, same run <= 1.5', value: scrub.full_vs_before_generalising, pass: scrub.full_vs_before_generalising <= 1.5 }]),
    scrub.full_vs_before === null
      ? { target: 'scrub throughput with NER on the 10k-element page >= 21 MB/s (no baseline peer here)', value: scrub.full_mb_s, pass: scrub.full_mb_s >= 21 }
      : { target: 'scrub time with NER on the 10k-element page / the scrubber before issue 14, same run <= 1.0', value: scrub.full_vs_before, pass: scrub.full_vs_before <= 1 },
    ...(scrub.full_vs_before_cpu === null ? [] : [{ target: 'the same pair in CPU time (read it on a loaded machine) <= 1.0', value: scrub.full_vs_before_cpu, pass: scrub.full_vs_before_cpu <= 1 }]),
    { target: 'scrub time per MB at 4x the page / at 1x <= 1.3 (linear)', value: linear[2].vs_1x, pass: linear[2].vs_1x <= 1.3 },
    { target: `hostile URL text: time per character at 4x / at 1x <= 2.5 (linear; quadratic is about 4; worst: ${worstUrl.input})`, value: worstUrl.per_char_4x_vs_1x, pass: worstUrl.per_char_4x_vs_1x <= 2.5 },
  ];
  return {
    scrub,
    linearity: linear,
    corpus,
    sets,
    quality: {
      items: q.items, labelled: q.labelled, found_spans: q.spans, recall: round(q.recall, 3), precision: round(q.precision, 3),
      per_kind: q.kinds.map((k) => ({ kind: k.kind, labelled: k.labelled, recalled: k.found, recall: round(k.recall, 3) })),
      false_positive_examples: q.falseExamples,
    },
    ocr,
    adversarial: hostile,
    hostile_urls: urls,
    targets,
  };
}
