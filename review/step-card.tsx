// One step in review: screenshot with the action drawn on it, what was acted
// on, the editable thought trace, delete, and blur-a-region (drag a rectangle
// with the pointer, or move and size one with the keyboard).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StoredStep } from '../src/core/stored-step';
import type { Box } from '../src/core/schema';
import { imageBlob } from '../src/platform/review-store';
import { useBlurDrawing } from './blur-drawing';

interface Props {
  step: StoredStep;
  index: number;
  version: number;
  onThought: (text: string) => void;
  onDelete: () => void;
  onBlur: (region: Box) => void;
}

function describeAction(s: StoredStep): string {
  const a = s.step.action;
  const extra = a.text !== undefined ? ` "${a.text}"` : a.key ? ` ${a.key}` : a.label ? ` "${a.label}"` : a.url ? ` ${a.url}` : a.scroll ? ` to ${a.scroll.x},${a.scroll.y}` : '';
  return `${a.type}${extra}`;
}

/** Loads the screenshot only when the card scrolls into view (fast on long tasks). */
function useLazyImage(imageId: string | null, version: number): [preact.RefObject<HTMLDivElement>, string | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!imageId || !ref.current) return undefined;
    let objectUrl: string | null = null;
    let cancelled = false;
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      void imageBlob(imageId).then((blob) => {
        if (!blob || cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      });
    }, { rootMargin: '600px' });
    io.observe(ref.current);
    return () => {
      cancelled = true;
      io.disconnect();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [imageId, version]);
  return [ref, url];
}

export function StepCard({ step, index, version, onThought, onDelete, onBlur }: Props) {
  const [shotRef, url] = useLazyImage(step.imageId, version);
  const [thought, setThought] = useState(step.step.thought_trace);

  const { action, target, observation } = step.step;
  const vw = observation.viewport.width;
  const vh = observation.viewport.height;
  const n = index + 1;

  useEffect(() => setThought(step.step.thought_trace), [step.step.thought_trace]);

  // Keyboard drawing: a rectangle starts on the target (or mid-screen); arrows move it, Shift+arrows size it.
  const blur = useBlurDrawing({
    ref: shotRef, vw, vh, startAt: target?.bbox ?? null, onBlur,
    label: `Blur region in step ${n}: arrows move it, Shift+arrows resize, Alt for 1 pixel steps, Enter blurs, Escape cancels`,
  });
  const { drawing } = blur;

  const box = target?.bbox;
  const point = action.coordinates;
  const sel = blur.selection;

  return (
    <article class="step" aria-labelledby={`step-${n}-title`}>
      <header>
        <h2 id={`step-${n}-title`}>Step {n}: {describeAction(step)}</h2>
        {!observation.screenshot_fresh && <span class="badge" title={observation.screenshot_note ?? ''}>frame not fresh</span>}
        <span class="url">{observation.active_window} — {observation.url}</span>
      </header>
      {target && (
        <p class="element">
          {target.role} &lt;{target.tag}&gt; “{target.name || target.text}” · id {target.element_id} · {target.selector}
        </p>
      )}
      <div
        ref={shotRef}
        class={`shot${drawing ? ' drawing' : ''}`}
        style={{ aspectRatio: `${vw} / ${vh}` }}
        {...blur.shotProps}
      >
        {step.imageId ? (url ? <img src={url} alt={`Screenshot before step ${n}`} draggable={false} /> : <p class="empty">Loading screenshot…</p>)
          : <p class="empty">No screenshot: {observation.screenshot_note ?? 'not captured'}</p>}
        <svg viewBox={`0 0 ${vw} ${vh}`} aria-hidden="true">
          {box && <rect x={box.x} y={box.y} width={box.width} height={box.height} fill="none" stroke="#e53935" stroke-width="2" />}
          {point && <circle cx={point[0]} cy={point[1]} r="9" fill="rgba(229,57,53,.35)" stroke="#e53935" stroke-width="2" />}
          {action.text !== undefined && box && (
            <text x={box.x} y={Math.max(14, box.y - 6)} fill="#e53935" font-size="14" font-family="sans-serif">⌨ {action.text}</text>
          )}
          {sel && <rect x={sel.x} y={sel.y} width={sel.width} height={sel.height} fill="rgba(59,130,246,.2)" stroke="#3b82f6" stroke-width="2" />}
        </svg>
      </div>
      <label for={`thought-${n}`}>Thought for step {n}</label>
      <textarea
        id={`thought-${n}`} value={thought}
        onInput={(e) => setThought((e.target as HTMLTextAreaElement).value)}
        onBlur={(e) => {
          // Read the field itself: a quick type-then-Tab can blur before the last input re-renders.
          const value = (e.target as HTMLTextAreaElement).value;
          if (value !== step.step.thought_trace) onThought(value);
        }}
      />
      <div class="actions">
        <button type="button" onClick={onDelete}>Delete step {n}</button>
        {step.imageId && (
          <button type="button" aria-pressed={drawing} onClick={() => (drawing ? blur.stop() : blur.start())}>
            {drawing ? 'Cancel blur' : `Blur a region in step ${n}`}
          </button>
        )}
        {step.imageId && box && <button type="button" onClick={() => onBlur(box)}>Blur the target element</button>}
      </div>
    </article>
  );
}
