// The task's final state in review: the page after the last action, so the
// reviewer can see whether the task was achieved before labelling it. A region
// of its screenshot is blurred as a step's is (the same drawing, by pointer or
// keyboard, and the same store path), and the final state can be dropped: a
// secret missed in its screenshot need not cost the whole task.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredFinal } from '../src/core/final-state';
import type { Box } from '../src/core/schema';
import { finalOfTask, imageBlob } from '../src/platform/review-store';
import { useBlurDrawing } from './blur-drawing';

interface Props {
  taskId: string;
  version: number;
  onBlur: (final: StoredFinal, region: Box) => Promise<void>;
  onDelete: (final: StoredFinal) => Promise<void>;
}

export function FinalCard({ taskId, version, onBlur, onDelete }: Props) {
  const [final, setFinal] = useState<StoredFinal | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  // Bumped after a blur or a removal: the stored image (or state) changed, read it again.
  const [edits, setEdits] = useState(0);
  const shotRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    let objectUrl: string | null = null;
    // Its image work may still be running when the page opens (it follows Stop): look again for a while.
    let tries = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const look = async (): Promise<void> => {
      const f = await finalOfTask(taskId);
      if (cancelled) return;
      if (!f) {
        setFinal(null);
        setUrl(null);
        if (edits === 0 && ++tries < 30) retry = setTimeout(() => void look(), 1000);
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
  }, [taskId, version, edits]);
  const o = final?.state.observation;
  const vw = o?.viewport.width ?? 1;
  const vh = o?.viewport.height ?? 1;
  const blur = useBlurDrawing({
    ref: shotRef, vw, vh, startAt: null,
    label: 'Blur region in the final state: arrows move it, Shift+arrows resize, Alt for 1 pixel steps, Enter blurs, Escape cancels',
    onBlur: (region) => { if (final) void onBlur(final, region).then(() => setEdits((n) => n + 1)); },
  });
  if (!final || !o) return null;
  const sel = blur.selection;
  return (
    <article class="step final" aria-labelledby="final-title">
      <header>
        <h2 id="final-title">Final state</h2>
        <span class="url">{o.active_window} — {o.url}</span>
      </header>
      <div ref={shotRef} class={`shot${blur.drawing ? ' drawing' : ''}`} style={{ aspectRatio: `${vw} / ${vh}` }} {...blur.shotProps}>
        {final.imageId ? (url ? <img src={url} alt="Screenshot of the final state" draggable={false} /> : <p class="empty">Loading screenshot…</p>)
          : <p class="empty">No screenshot: {o.screenshot_note ?? 'not captured'}</p>}
        {sel && (
          <svg viewBox={`0 0 ${vw} ${vh}`} aria-hidden="true">
            <rect x={sel.x} y={sel.y} width={sel.width} height={sel.height} fill="rgba(59,130,246,.2)" stroke="#3b82f6" stroke-width="2" />
          </svg>
        )}
      </div>
      <div class="actions">
        <button type="button" onClick={() => { if (confirm('Remove the final state and its screenshot from this task?')) void onDelete(final).then(() => setEdits((n) => n + 1)); }}>
          Remove the final state
        </button>
        {final.imageId && (
          <button type="button" aria-pressed={blur.drawing} onClick={() => (blur.drawing ? blur.stop() : blur.start())}>
            {blur.drawing ? 'Cancel blur' : 'Blur a region in the final state'}
          </button>
        )}
      </div>
    </article>
  );
}
