// `alien-dataflow replay <export.zip>`: each task of an export is turned into
// a DevTools Recorder flow (core/recorder-flow) and run by @puppeteer/replay
// in Chromium (puppeteer-core, the system browser). Every recorded step gets a
// status: ok (its element was found by one of its selectors, with the
// recorded accessible name, and the action ran), failed (with the reason), or
// skipped (only where no replay can perform it). Replay acts on real sites,
// so it lists the hosts first and asks.
import { createInterface } from 'node:readline/promises';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { PuppeteerRunnerExtension, createRunner, parse, selectorToPElementSelector, type Step as FlowStep, type UserFlow } from '@puppeteer/replay';
import { findChrome, INSTALL_HINT } from '../../scripts/find-chrome.mjs';
import { ZIP_PATHS } from '../core/zip-layout';
import { parseTrajectory } from '../core/validate-export';
import { recorderFlow, type StepPlan } from '../core/recorder-flow';
import type { Step } from '../core/schema';
import { openExport, tasksOf } from './zip-input';
import { writeZipAtomically } from './write-zip-atomically';
import { inBatches, writeExport, type ExportStep } from '../core/export-writer';
import { DIALOGUE_FORMATS } from '../core/formats/registry';
import type { InputLimits } from './input-limits';
import { isHash, terminalText } from '../core/safe-text';

import type { ReplayReport, ReplayStepResult } from '../core/replay-report';
export type { ReplayReport } from '../core/replay-report';

export interface ReplayOptions { task?: string; headed: boolean; timeout: number; yes: boolean; limits?: InputLimits; log: (line: string) => void }

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)$/;

function hostsOf(steps: Step[]): string[] {
  const hosts = new Set<string>();
  for (const s of steps) {
    try {
      const h = new URL(s.observation.url).hostname;
      if (h) hosts.add(h);
    } catch {
      // not a web address: nothing to act on
    }
  }
  return [...hosts].sort();
}

/** Replay may act on real sites: say which, and go on only when the person agrees (or it is all loopback). */
async function confirmHosts(hosts: string[], o: ReplayOptions): Promise<void> {
  const remote = hosts.filter((h) => !LOOPBACK.test(h));
  if (remote.length === 0 || o.yes) return;
  if (!process.stdin.isTTY) throw new Error(`replay would act on ${remote.join(', ')}; run it in a terminal to confirm, or pass --yes`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`Replay will click, type and navigate on: ${remote.join(', ')}. Go on? [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new Error('replay cancelled');
}

/** The first selector of a flow step that finds an element, and that element's accessible name. */
async function locate(page: Page, step: FlowStep): Promise<{ selector: string; name: string | null } | null> {
  const list = 'selectors' in step && Array.isArray(step.selectors) ? step.selectors : [];
  // The frame the step acts in: its path of child-frame indexes from the page.
  let frame = page.mainFrame();
  for (const i of ('frame' in step && Array.isArray(step.frame) ? step.frame : [])) {
    const child = frame.childFrames()[i];
    if (!child) return null;
    frame = child;
  }
  for (const sel of list) {
    const handle = await frame.$(selectorToPElementSelector(sel)).catch(() => null);
    if (!handle) continue;
    const ax = await page.accessibility.snapshot({ root: handle, interestingOnly: false }).catch(() => null);
    await handle.dispose();
    return { selector: Array.isArray(sel) ? sel.join(' >>> ') : sel, name: ax?.name ?? null };
  }
  return null;
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Runs every flow step, never stopping at a failure, and keeps what happened to each. */
class ReportingExtension extends PuppeteerRunnerExtension {
  readonly results = new Map<number, { ok: boolean; selector?: string; reason?: string }>();

  constructor(browser: Browser, page: Page, timeout: number, private readonly expectedNames: Map<number, string>) {
    super(browser as never, page as never, { timeout });
  }

  override async runStep(step: FlowStep, flow?: UserFlow): Promise<void> {
    const index = flow ? flow.steps.indexOf(step) : -1;
    let found: Awaited<ReturnType<typeof locate>> = null;
    try {
      if ('selectors' in step) {
        found = await locate(this.page as unknown as Page, step);
        if (!found) {
          // Give a slow page the step's timeout to show the element before calling it missing.
          await super.runStep({ type: 'waitForElement', selectors: step.selectors, timeout: this.timeout } as FlowStep, flow).catch(() => undefined);
          found = await locate(this.page as unknown as Page, step);
        }
        if (!found) throw new Error('no element for any selector');
      }
      await super.runStep(step, flow);
      const expected = this.expectedNames.get(index);
      if (found && expected && found.name !== null && norm(found.name) !== norm(expected)) {
        this.results.set(index, { ok: false, selector: found.selector, reason: `the element found is named "${found.name}", not "${expected}"` });
      } else {
        this.results.set(index, { ok: true, selector: found?.selector });
      }
    } catch (error) {
      this.results.set(index, { ok: false, selector: found?.selector, reason: (error as Error).message.split('\n')[0] });
    }
  }
}

function summarise(plan: StepPlan[], results: Map<number, { ok: boolean; selector?: string; reason?: string }>, opened: boolean): ReplayStepResult[] {
  return plan.map((p) => {
    if ('skip' in p) return { step_id: p.stepId, type: p.type, status: 'skipped', reason: p.skip };
    if (!opened) return { step_id: p.stepId, type: p.type, status: 'failed', reason: 'the task\'s first page did not open' };
    const rs = p.flowSteps.map((i) => results.get(i));
    const bad = rs.find((r) => !r || !r.ok);
    const selector = rs.find((r) => r?.selector)?.selector;
    if (bad) return { step_id: p.stepId, type: p.type, status: 'failed', reason: bad?.reason ?? 'not run (an earlier step stopped the replay)', ...(selector ? { selector } : {}) };
    return { step_id: p.stepId, type: p.type, status: 'ok', ...(selector ? { selector } : {}) };
  });
}

export async function replay(zipPath: string, o: ReplayOptions): Promise<ReplayReport> {
  const exp = await openExport(zipPath, o.limits);
  const lines = await exp.lines(ZIP_PATHS.trajectory);
  await exp.close();
  if (!lines) throw new Error(`${zipPath} has no ${ZIP_PATHS.trajectory}: is it an ALIEN Dataflow export?`);
  const { steps, errors } = parseTrajectory(lines);
  if (errors.length) throw new Error(`${errors.length} invalid trajectory lines; run alien-dataflow validate on it`);
  const byTask = new Map<string, Step[]>();
  for (const s of steps) if (!o.task || s.task_id === o.task) byTask.set(s.task_id, [...(byTask.get(s.task_id) ?? []), s]);
  if (byTask.size === 0) throw new Error(o.task ? `no task ${o.task} in ${zipPath}` : `${zipPath} holds no steps`);
  await confirmHosts(hostsOf([...byTask.values()].flat()), o);
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const browser = await puppeteer.launch({
    executablePath, headless: !o.headed, pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
  });
  const report: ReplayReport = { source: zipPath, replayed_at: new Date().toISOString(), tasks: [], summary: { ok: 0, failed: 0, skipped: 0 } };
  // A step that fails while the library still waits for its navigation leaves that wait to reject later: not a crash.
  const stray = (error: unknown): void => { o.log(`  (a step's wait ended after the step: ${String((error as Error)?.message ?? error).split('\n')[0]})`); };
  process.on('unhandledRejection', stray);
  try {
    for (const [taskId, taskSteps] of byTask) {
      const instruction = exp.manifest?.tasks.find((t) => t.task_id === taskId)?.instruction ?? '';
      const { flow, plan } = recorderFlow(instruction || taskId, taskSteps);
      const expectedNames = new Map<number, string>();
      for (const p of plan) {
        if ('skip' in p) continue;
        const t = taskSteps.find((s) => s.step_id === p.stepId)?.target;
        const name = t?.name.trim();
        if (name && !name.includes('REDACTED') && p.flowSteps[0] !== undefined) expectedNames.set(p.flowSteps[0], name);
      }
      const page = await browser.newPage();
      const ext = new ReportingExtension(browser, page, o.timeout, expectedNames);
      const runner = await createRunner(parse(flow), ext);
      await runner.run();
      await page.close();
      const opened = ext.results.get(1)?.ok !== false;
      const results = summarise(plan, ext.results, opened);
      const ok = results.filter((r) => r.status === 'ok').length;
      const scored = results.filter((r) => r.status !== 'skipped').length;
      report.tasks.push({ task_id: taskId, instruction, steps: results, score: scored ? Math.round((ok / scored) * 1000) / 1000 : 0 });
      for (const r of results) report.summary[r.status]++;
      // One row per step: a line break or an escape sequence in an instruction, a reason or a selector stays visible text.
      o.log(`task ${terminalText(taskId)} (${terminalText(instruction)})`);
      for (const r of results) o.log(`  ${String(r.step_id).padStart(3)} ${terminalText(r.type).padEnd(12)} ${r.status.padEnd(7)} ${terminalText(r.reason ?? r.selector ?? '')}`);
    }
  } finally {
    process.off('unhandledRejection', stray);
    await browser.close();
  }
  return report;
}

/**
 * A copy of the export with what the replay found: every replayed step gets
 * `replay: {status, reason}` and every task in the manifest a `replay_score`
 * (ok / (ok + failed)). The input is never changed; the copy is written
 * beside its name and renamed at the end.
 */
export async function annotateExport(input: string, output: string, report: ReplayReport, limits?: InputLimits): Promise<void> {
  const exp = await openExport(input, limits);
  try {
    const lines = await exp.lines(ZIP_PATHS.trajectory);
    const { steps } = parseTrajectory(lines ?? []);
    const results = new Map(report.tasks.flatMap((t) => t.steps.map((r) => [`${t.task_id}:${r.step_id}`, r] as const)));
    const byTask = new Map<string, ExportStep[]>();
    for (const s of steps) {
      const r = results.get(`${s.task_id}:${s.step_id}`);
      const step: Step = r ? { ...s, replay: { status: r.status, ...(r.reason ? { reason: r.reason } : {}) } } : s;
      byTask.set(s.task_id, [...(byTask.get(s.task_id) ?? []), { step, imageId: s.observation.screenshot_path, redactions: {} }]);
    }
    const tasks = tasksOf(exp.manifest, [...byTask.keys()]).map((t) => ({ ...t, stepCount: byTask.get(t.id)?.length ?? 0 }));
    await writeZipAtomically(output, (sink) => writeExport(
      { tasks, steps: (id) => inBatches(byTask.get(id) ?? []), image: (path) => exp.bytes(path) },
      {
        formats: DIALOGUE_FORMATS.filter((d) => exp.files.has(d.file)).map((d) => d.id), actionStyle: 'json', includeDom: false,
        replay: [...exp.files].some((f) => f.startsWith('replay/')),
        extensionVersion: exp.manifest?.extension_version ?? 'unknown',
        // Hashes are copied only if they are hashes.
        configHash: isHash(exp.manifest?.config_hash) ? exp.manifest.config_hash : 'unknown',
        demonstratorHash: isHash(exp.manifest?.demonstrator_hash) ? exp.manifest.demonstrator_hash : null, now: new Date(),
        replayScores: Object.fromEntries(report.tasks.map((t) => [t.task_id, t.score])),
      },
      sink,
    ));
  } finally {
    await exp.close();
  }
}
