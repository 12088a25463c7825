// `alien-dataflow replay <export.zip>`: each task of an export is turned into
// a DevTools Recorder flow (core/recorder-flow) and run by @puppeteer/replay
// in Chromium (puppeteer-core, the system browser). Every recorded step gets a
// status: ok (its element was found by one of its selectors, with the
// recorded accessible name, and the action ran), failed (with the reason), or
// skipped (only where no replay can perform it). Replay acts on real sites,
// so it lists every host the flow will touch first and asks (core/replay-hosts);
// then the browser reaches no other host: every request of a page is checked
// (request interception, so a redirect or a script's navigation is stopped and
// reported too), every connection of the browser leaves through a proxy that
// knows the accepted hosts (workers, sockets, other ports of an address:
// cli/egress-proxy), and the resolver knows no other host name at all.
import { createInterface } from 'node:readline/promises';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { PuppeteerRunnerExtension, createRunner, parse, selectorToPElementSelector, type Step as FlowStep, type UserFlow } from '@puppeteer/replay';
import { findChrome, INSTALL_HINT } from '../../scripts/find-chrome.mjs';
import { ZIP_PATHS } from '../core/zip-layout';
import { parseTrajectory } from '../core/validate-export';
import { recorderFlow, type StepPlan } from '../core/recorder-flow';
import type { Step } from '../core/schema';
import { finalOf, openExport, taskEntries, tasksOf, trajectoryOf } from './zip-input';
import { writeZipAtomically } from './write-zip-atomically';
import { groupBy } from '../core/group-by';
import { inBatches, writeExport, type ExportStep } from '../core/export-writer';
import { formatsIn } from '../core/formats/registry';
import type { InputLimits } from './input-limits';
import { isHash, terminalText } from '../core/safe-text';
import { hostOf, isLocalScheme, replayHosts } from '../core/replay-hosts';
import { startEgressProxy } from './egress-proxy';

import type { ReplayReport, ReplayStepResult } from '../core/replay-report';
export type { ReplayReport } from '../core/replay-report';

export interface ReplayOptions {
  task?: string; headed: boolean; timeout: number;
  /** Accept every host the flow touches without asking. */
  yes: boolean;
  /** Accept these hosts (name[:port]) and no others, without asking. */
  hosts?: string[];
  limits?: InputLimits;
  log: (line: string) => void;
}

/** A host as --hosts names it: "example.com", "127.0.0.1:8080", or an address. */
export function acceptedHost(text: string): string | null {
  const t = text.trim();
  return hostOf(/^https?:\/\//i.test(t) ? t : `http://${t}`);
}

/**
 * Replay loads pages from and acts on every host of its flows, loopback ones too (a local service is as
 * much someone's as a remote one): the person accepts them (a terminal's question, --yes for all, --hosts
 * for some); without a terminal and either flag it refuses. Returns the accepted hosts.
 */
async function acceptHosts(found: ReturnType<typeof replayHosts>, o: ReplayOptions): Promise<Set<string>> {
  const listed = [...found.hosts].map(([h, where]) => `  ${h}  (${where.join(', ')}${where.length >= 3 ? ', …' : ''})`);
  for (const u of found.unsupported) o.log(`not replayable, will not be opened: ${terminalText(u.url.slice(0, 200))} (${u.where})`);
  if (o.hosts) {
    const accepted = new Set<string>();
    for (const h of o.hosts) {
      const host = acceptedHost(h);
      if (!host) throw new Error(`--hosts: "${h}" is not a host (name or name:port)`);
      accepted.add(host);
    }
    const refused = [...found.hosts.keys()].filter((h) => !accepted.has(h));
    if (refused.length) o.log(`not in --hosts, so refused (steps there will fail): ${refused.join(', ')}`);
    return accepted;
  }
  if (found.hosts.size === 0 || o.yes) return new Set(found.hosts.keys());
  if (!process.stdin.isTTY) {
    throw new Error(`replay would load pages from and act on these hosts:\n${listed.join('\n')}\nrun it in a terminal to confirm, or pass --yes (all of them) or --hosts (some)`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`Replay will load pages, click, type and navigate on these hosts, and reach no other:\n${listed.join('\n')}\nGo on? [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new Error('replay cancelled');
  return new Set(found.hosts.keys());
}

/** A request the guard stopped. */
export interface BlockedRequest { host: string; url: string; navigation: boolean; flowStep: number | null }

/**
 * Lets a page reach only the accepted hosts: every request (the first load, each redirect hop, frames,
 * subresources) is checked before it leaves; anything else is aborted and kept for the report.
 */
export class HostGuard {
  /**
   * Stopped requests as kept: the first BLOCKED_KEPT navigations (a step's reason is its first one) and the first
   * BLOCKED_KEPT others; `stopped` counts them all. A page requesting other hosts in a loop had grown this list
   * for the whole replay (it is never cleared between tasks), by up to 500 characters of address each.
   */
  readonly blocked: BlockedRequest[] = [];
  stopped = 0;
  private kept = { navigations: 0, others: 0 };
  /** The flow step running now, to say which step a stopped request belongs to. */
  flowStep: number | null = null;
  private readonly pages = new WeakSet<Page>();

  constructor(private readonly accepted: Set<string>) {}

  /** Why `url` may not be loaded, or null when it may. */
  refusal(url: string): string | null {
    if (isLocalScheme(url)) return null;
    const host = hostOf(url);
    if (!host) return `${url.split(':')[0]}: addresses are not opened by replay`;
    return this.accepted.has(host) ? null : `${host} is not an accepted host`;
  }

  async attach(page: Page): Promise<void> {
    if (this.pages.has(page)) return;
    this.pages.add(page);
    await page.setBypassServiceWorker(true); // a service worker would fetch outside the page's interception
    await page.setRequestInterception(true);
    page.on('request', (req: HTTPRequest) => {
      if (req.isInterceptResolutionHandled()) return;
      const url = req.url();
      const why = this.refusal(url);
      if (!why) {
        req.continue().catch(() => undefined);
        return;
      }
      const navigation = req.isNavigationRequest() && req.frame() === page.mainFrame();
      this.stopped++;
      const kind = navigation ? 'navigations' : 'others';
      if (this.kept[kind] < BLOCKED_KEPT) {
        this.kept[kind]++;
        this.blocked.push({ host: hostOf(url) ?? url.split(':')[0]!, url: url.slice(0, 500), navigation, flowStep: this.flowStep });
      }
      req.abort('blockedbyclient').catch(() => undefined);
    });
  }

  /** A top-level navigation stopped since `from` (an index into blocked), as a step's reason. */
  stoppedNavigation(from: number): string | null {
    const b = this.blocked.slice(from).find((x) => x.navigation);
    return b ? `a navigation to ${b.url.slice(0, 200)} was stopped: ${this.refusal(b.url)}` : null;
  }
}

/** Stopped requests of each kind (navigations, others) kept for the report and the steps' reasons; past that only counted. */
export const BLOCKED_KEPT = 1000;

/** Chromium's resolver knows the accepted host names and no other: a worker or socket cannot reach around the page's guard. */
export function resolverRules(accepted: Set<string>): string {
  // An IPv6 address goes in bare: Chromium's rules do not match "[::1]".
  const names = [...new Set([...accepted].map((h) => new URL(`http://${h}`).hostname.replace(/^\[(.*)\]$/, '$1')))];
  return ['MAP * ~NOTFOUND', ...names.map((n) => `EXCLUDE ${n}`)].join(', ');
}

/** ', and N more not kept' when a count is past its kept list. */
const unkept = (n: number, kept: number): string => (n > kept ? `, and ${n - kept} more not kept` : '');

/** "host (n), …" for a report line, each host as plain text. */
function countByHost(stopped: readonly { host: string }[]): string {
  const byHost = new Map<string, number>();
  for (const b of stopped) byHost.set(b.host, (byHost.get(b.host) ?? 0) + 1);
  return [...byHost].map(([h, n]) => `${terminalText(h)} (${n})`).join(', ');
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

  constructor(browser: Browser, page: Page, timeout: number, private readonly expectedNames: Map<number, string>, private readonly guard: HostGuard) {
    super(browser as never, page as never, { timeout });
  }

  override async runStep(step: FlowStep, flow?: UserFlow): Promise<void> {
    const index = flow ? flow.steps.indexOf(step) : -1;
    this.guard.flowStep = index;
    const blockedBefore = this.guard.blocked.length;
    let found: Awaited<ReturnType<typeof locate>> = null;
    try {
      // An address the person did not accept is not opened at all.
      const refused = step.type === 'navigate' ? this.guard.refusal(step.url) : null;
      if (refused) throw new Error(`not opened: ${refused}`);
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
      // A redirect or a script took the page towards a host not accepted: the guard stopped it, and the step failed.
      const stopped = this.guard.stoppedNavigation(blockedBefore);
      if (stopped) throw new Error(stopped);
      const expected = this.expectedNames.get(index);
      if (found && expected && found.name !== null && norm(found.name) !== norm(expected)) {
        this.results.set(index, { ok: false, selector: found.selector, reason: `the element found is named "${found.name}", not "${expected}"` });
      } else {
        this.results.set(index, { ok: true, selector: found?.selector });
      }
    } catch (error) {
      const reason = this.guard.stoppedNavigation(blockedBefore) ?? (error as Error).message.split('\n')[0];
      this.results.set(index, { ok: false, selector: found?.selector, reason });
    }
  }
}

function summarise(plan: StepPlan[], results: Map<number, { ok: boolean; selector?: string; reason?: string }>, opened: boolean): ReplayStepResult[] {
  return plan.map((p) => {
    if ('skip' in p) return { step_id: p.stepId, type: p.type, status: 'skipped', reason: p.skip };
    if (!opened) return { step_id: p.stepId, type: p.type, status: 'failed', reason: `the task's first page did not open${results.get(1)?.reason ? ` (${results.get(1)!.reason})` : ''}` };
    const rs = p.flowSteps.map((i) => results.get(i));
    const bad = rs.find((r) => !r || !r.ok);
    const selector = rs.find((r) => r?.selector)?.selector;
    if (bad) return { step_id: p.stepId, type: p.type, status: 'failed', reason: bad?.reason ?? 'not run (an earlier step stopped the replay)', ...(selector ? { selector } : {}) };
    return { step_id: p.stepId, type: p.type, status: 'ok', ...(selector ? { selector } : {}) };
  });
}

export async function replay(zipPath: string, o: ReplayOptions): Promise<ReplayReport> {
  // The same check, message and exit code as every other command's (a usage error: not an export).
  const { exp, text: lines } = await trajectoryOf(zipPath, o.limits);
  await exp.close();
  const { steps, errors } = parseTrajectory(lines);
  if (errors.length) throw new Error(`${errors.length} invalid trajectory lines; run alien-dataflow validate on it`);
  const byTask = groupBy(o.task ? steps.filter((s) => s.task_id === o.task) : steps, (s) => s.task_id);
  if (byTask.size === 0) throw new Error(o.task ? `no task ${o.task} in ${zipPath}` : `${zipPath} holds no steps`);
  const tasks = [...byTask].map(([taskId, taskSteps]) => {
    const instruction = taskEntries(exp.manifest).get(taskId)?.instruction ?? '';
    return { taskId, taskSteps, instruction, ...recorderFlow(instruction || taskId, taskSteps) };
  });
  // Every host of every step, frame and flow address is asked about before the browser starts.
  const accepted = await acceptHosts(replayHosts(steps.filter((s) => byTask.has(s.task_id)), tasks.map((t) => t.flow)), o);
  const executablePath = findChrome();
  if (!executablePath) throw new Error(INSTALL_HINT);
  // Every connection of the browser, loopback ones too, goes out through the proxy, which knows the accepted hosts.
  const proxy = await startEgressProxy(accepted);
  const browser = await puppeteer.launch({
    executablePath, headless: !o.headed, pipe: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      `--host-resolver-rules=${resolverRules(accepted)}`,
      `--proxy-server=http://${proxy.address}`, '--proxy-bypass-list=<-loopback>',
      // WebRTC's UDP would go around an HTTP proxy.
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    ],
  }).catch(async (error: unknown) => {
    await proxy.close();
    throw error;
  });
  const guard = new HostGuard(accepted);
  // A page the replay did not open (a link's new tab, window.open) is held to the same hosts.
  browser.on('targetcreated', (target) => {
    if (target.type() === 'page') void target.page().then((p) => (p ? guard.attach(p) : undefined)).catch(() => undefined);
  });
  const report: ReplayReport = { source: zipPath, replayed_at: new Date().toISOString(), tasks: [], summary: { ok: 0, failed: 0, skipped: 0 }, blocked: [] };
  // A step that fails while the library still waits for its navigation leaves that wait to reject later: not a crash.
  const stray = (error: unknown): void => { o.log(`  (a step's wait ended after the step: ${String((error as Error)?.message ?? error).split('\n')[0]})`); };
  process.on('unhandledRejection', stray);
  try {
    for (const { taskId, taskSteps, instruction, flow, plan } of tasks) {
      const expectedNames = new Map<number, string>();
      for (const p of plan) {
        if ('skip' in p) continue;
        const step = taskSteps.find((s) => s.step_id === p.stepId);
        // A scrolled container's name is read from the contents it shows, which the scroll itself changes (a
        // virtualised grid's recycled rows): it names no element to check, the scroll's container selector does.
        if (step?.action.type === 'scroll') continue;
        const t = step?.target;
        const name = t?.name.trim();
        if (name && !name.includes('REDACTED') && p.flowSteps[0] !== undefined) expectedNames.set(p.flowSteps[0], name);
      }
      const page = await browser.newPage();
      await guard.attach(page);
      const blockedBefore = guard.blocked.length;
      const refusedBefore = proxy.refused.length;
      const counted = { stopped: guard.stopped, refused: proxy.refusedCount };
      const ext = new ReportingExtension(browser, page, o.timeout, expectedNames, guard);
      const runner = await createRunner(parse(flow), ext);
      await runner.run();
      await page.close();
      const stepOf = (flowStep: number | null): number | null => {
        const p = plan.find((x) => 'flowSteps' in x && flowStep !== null && x.flowSteps.includes(flowStep));
        return p ? p.stepId : null;
      };
      for (const b of guard.blocked.slice(blockedBefore)) {
        if (report.blocked!.length < 1000) report.blocked!.push({ task_id: taskId, step_id: stepOf(b.flowStep), host: b.host, url: b.url, navigation: b.navigation });
      }
      // Connections the page's guard never saw (sockets, workers), stopped by the proxy: the task's, not one step's.
      const refused = proxy.refused.slice(refusedBefore);
      for (const r of refused) {
        if (report.blocked!.length < 1000) report.blocked!.push({ task_id: taskId, step_id: null, host: r.host, url: r.url, navigation: false });
      }
      const opened = ext.results.get(1)?.ok !== false;
      const results = summarise(plan, ext.results, opened);
      const ok = results.filter((r) => r.status === 'ok').length;
      const scored = results.filter((r) => r.status !== 'skipped').length;
      report.tasks.push({ task_id: taskId, instruction, steps: results, score: scored ? Math.round((ok / scored) * 1000) / 1000 : 0 });
      for (const r of results) report.summary[r.status]++;
      // One row per step: a line break or an escape sequence in an instruction, a reason or a selector stays visible text.
      o.log(`task ${terminalText(taskId)} (${terminalText(instruction)})`);
      for (const r of results) o.log(`  ${String(r.step_id).padStart(3)} ${terminalText(r.type).padEnd(12)} ${r.status.padEnd(7)} ${terminalText(r.reason ?? r.selector ?? '')}`);
      const stopped = guard.blocked.slice(blockedBefore);
      // The counts are all of them; the hosts, of those kept (the lists stop growing, a page can request in a loop).
      const stoppedN = guard.stopped - counted.stopped;
      const refusedN = proxy.refusedCount - counted.refused;
      if (stoppedN) o.log(`  stopped ${stoppedN} request(s) to hosts not accepted: ${countByHost(stopped)}${unkept(stoppedN, stopped.length)}`);
      // What the proxy stopped may also be the browser's own (a sign-in check at start): said apart, not as the page's.
      if (refusedN) o.log(`  stopped ${refusedN} other connection(s) (sockets, workers, the browser's own): ${countByHost(refused)}${unkept(refusedN, refused.length)}`);
    }
  } finally {
    process.off('unhandledRejection', stray);
    await browser.close();
    await proxy.close();
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
    const byTask = groupBy(steps.map((s): ExportStep => {
      const r = results.get(`${s.task_id}:${s.step_id}`);
      const step: Step = r ? { ...s, replay: { status: r.status, ...(r.reason ? { reason: r.reason } : {}) } } : s;
      return { step, imageId: s.observation.screenshot_path, redactions: {} };
    }), (e) => e.step.task_id);
    const tasks = tasksOf(exp.manifest, [...byTask.keys()]).map((t) => ({ ...t, stepCount: byTask.get(t.id)?.length ?? 0 }));
    await writeZipAtomically(output, (sink) => writeExport(
      {
        tasks, steps: (id) => inBatches(byTask.get(id) ?? []), image: (path) => exp.bytes(path),
        // Final states are copied as they are.
        final: async (id) => { const f = await finalOf(exp, id); return f && { state: f, imageId: f.observation.screenshot_path }; },
      },
      {
        ...formatsIn(exp.files), actionStyle: 'json', includeDom: false,
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
