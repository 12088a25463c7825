// Content script entry (IIFE so it runs at document_start, ahead of page
// scripts: a page's own capture listeners cannot swallow events first).
// Runs in every frame. A frame whose ancestors are all same-origin is recorded
// by the top frame's recorder, which inlines it into one tree; other frames
// record themselves and map their coordinates through the frame-offset exchange.
import { Recorder } from './recorder';
import { Outbox } from './outbox';
import { initPointerObserver } from './observers/pointer-observer';
import { answerOffsetRequests, requestOffset } from './frame-offset';
import { initSettleNotifier } from './settle-notifier';
import { loadRedactor } from './redactor-loader';
import { onRecordingChange, readRecording } from '../platform/recording-flag';
import { send, broadcast } from '../platform/messaging';
import type { RecordingState } from '../core/messages';
import { listen } from './guard';

/** Frames per tab get disjoint id ranges, so ids from different frames never collide. */
const IDS_PER_FRAME = 1_000_000;

function recordedByAncestor(win: Window): boolean {
  if (win === win.top) return false;
  try {
    return !!win.top && win.top.document !== undefined && !!win.frameElement;
  } catch {
    return false;
  }
}

/** Windows of same-origin frames inside `win`, recursively. */
function sameOriginFrames(win: Window): Window[] {
  const out: Window[] = [];
  for (const frame of Array.from(win.document.querySelectorAll('iframe, frame'))) {
    try {
      const child = (frame as HTMLIFrameElement).contentWindow;
      if (child && child.document) out.push(child, ...sameOriginFrames(child));
    } catch {
      // cross-origin: it records itself
    }
  }
  return out;
}

async function main(): Promise<void> {
  if (recordedByAncestor(window)) return;
  let recorder: Recorder | null = null;
  let teardown: (() => void) | null = null;

  const start = async (state: RecordingState): Promise<void> => {
    if (recorder) {
      recorder.state = state;
      return;
    }
    const hello = await send<'frame/hello'>({ kind: 'frame/hello' });
    const redactor = await loadRedactor();
    const rec = new Recorder(window, redactor, new Outbox(), hello.frameId * IDS_PER_FRAME + 1);
    rec.state = state;
    recorder = rec;
    rec.snapshotter.start();
    const attached = new WeakSet<Window>();
    const stops: (() => void)[] = [];
    const attach = (win: Window): void => {
      if (attached.has(win)) return;
      attached.add(win);
      stops.push(initPointerObserver(win, rec));
    };
    attach(window);
    sameOriginFrames(window).forEach(attach);
    // Frames that appear later: attach when they load.
    stops.push(listen(window, 'load', () => sameOriginFrames(window).forEach(attach)));

    const settle = initSettleNotifier(window, () => rec.snapshotter.lastChangeAt, (lastChangeAt) => {
      if (rec.recording) broadcast({ kind: 'page/settled', lastChangeAt });
    });
    rec.snapshotter.onChange = settle.changed;
    stops.push(settle.stop);
    stops.push(answerOffsetRequests(window, () => rec.offsetOf(null)));
    if (window !== window.top) {
      const channel = requestOffset(window, (o) => { rec.offset = o; });
      stops.push(channel.stop, listen(window, 'pointerdown', channel.ask));
    }
    teardown = () => {
      stops.forEach((s) => s());
      rec.snapshotter.stop();
    };
  };

  const stop = (): void => {
    teardown?.();
    teardown = null;
    recorder = null;
  };

  onRecordingChange((state) => {
    if (state) void start(state).catch((e) => console.debug('[alien-dataflow] start failed', e));
    else stop();
  });
  const state = await readRecording();
  if (state) await start(state);
}

main().catch((error) => console.debug('[alien-dataflow] recorder not started', error));
