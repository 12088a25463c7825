// The recording flag lives in storage.local: durable across service-worker
// restarts and readable by content scripts, which cannot read storage.session.
import browser from 'webextension-polyfill';
import type { RecordingState } from '../core/messages';

const KEY = 'recording';

export async function readRecording(): Promise<RecordingState | null> {
  const got = await browser.storage.local.get(KEY);
  return (got[KEY] as RecordingState | undefined) ?? null;
}

export async function writeRecording(state: RecordingState | null): Promise<void> {
  if (state) await browser.storage.local.set({ [KEY]: state });
  else await browser.storage.local.remove(KEY);
}

export function onRecordingChange(cb: (state: RecordingState | null) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string): void => {
    if (area === 'local' && KEY in changes) cb((changes[KEY]!.newValue as RecordingState | undefined) ?? null);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
