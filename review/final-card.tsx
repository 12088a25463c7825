// The task's final state in review: the page after the last action, so the
// reviewer can see whether the task was achieved before labelling it.
import { useEffect, useState } from 'preact/hooks';
import type { StoredFinal } from '../src/core/final-state';
import { finalOfTask, imageBlob } from '../src/platform/review-store';

export function FinalCard({ taskId, version }: { taskId: string; version: number }) {
  const [final, setFinal] = useState<StoredFinal | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    let objectUrl: string | null = null;
    setFinal(null);
    setUrl(null);
    // Its image work may still be running when the page opens (it follows Stop): look again for a while.
    let tries = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const look = async (): Promise<void> => {
      const f = await finalOfTask(taskId);
      if (cancelled) return;
      if (!f) {
        if (++tries < 30) retry = setTimeout(() => void look(), 1000);
        return;
      }
      setFinal(f);
      const blob = f.imageId ? await imageBlob(f.imageId) : null;
      if (!blob || cancelled) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    };
    void look();
    return () => {
      cancelled = true;
      clearTimeout(retry);
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [taskId, version]);
  if (!final) return null;
  const o = final.state.observation;
  return (
    <article class="step final" aria-labelledby="final-title">
      <header>
        <h2 id="final-title">Final state</h2>
        <span class="url">{o.active_window} — {o.url}</span>
      </header>
      <div class="shot">
        {final.imageId ? (url ? <img src={url} alt="Screenshot of the final state" /> : <p class="empty">Loading screenshot…</p>)
          : <p class="empty">No screenshot: {o.screenshot_note ?? 'not captured'}</p>}
      </div>
    </article>
  );
}
