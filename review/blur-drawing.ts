// Blur-a-region on a screenshot in review, shared by a step's card and the final state's: drag a rectangle with
// the pointer, or start one and move and size it with the keyboard (arrows move, Shift+arrows size, Alt for
// 1 pixel steps, Enter blurs, Escape cancels). Coordinates are CSS pixels of the screenshot's page.
import { useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { Box } from '../src/core/schema';

interface Drag { x0: number; y0: number; x1: number; y1: number }

interface Options {
  /** The screenshot's box: focused while drawing by keyboard. */
  ref: RefObject<HTMLDivElement>;
  /** The page's viewport (CSS pixels), which the screenshot shows whole. */
  vw: number;
  vh: number;
  /** Where a keyboard rectangle starts (a step's target); mid-screen when null. */
  startAt: Box | null;
  /** Read by screen readers while drawing. */
  label: string;
  onBlur: (region: Box) => void;
}

const boxOf = (d: Drag): Box => ({ x: Math.min(d.x0, d.x1), y: Math.min(d.y0, d.y1), width: Math.abs(d.x1 - d.x0), height: Math.abs(d.y1 - d.y0) });

export function useBlurDrawing({ ref, vw, vh, startAt, label, onBlur }: Options) {
  const [drawing, setDrawing] = useState(false);
  const [drag, setDrag] = useState<Drag | null>(null);
  // The drag start lives in a ref too: pointer events can arrive faster than re-renders.
  const dragStart = useRef<[number, number] | null>(null);

  const start = (): void => {
    setDrawing(true);
    const b = startAt ?? { x: vw / 2 - 100, y: vh / 2 - 20, width: 200, height: 40 };
    setDrag({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
    setTimeout(() => ref.current?.focus(), 0);
  };
  const stop = (): void => {
    setDrawing(false);
    setDrag(null);
    dragStart.current = null;
  };
  const onKey = (e: KeyboardEvent): void => {
    if (!drawing || !drag) return;
    const delta = e.altKey ? 1 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-delta, 0], ArrowRight: [delta, 0], ArrowUp: [0, -delta], ArrowDown: [0, delta] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const [dx, dy] = m;
      setDrag(e.shiftKey
        ? { ...drag, x1: Math.max(drag.x0 + 4, drag.x1 + dx), y1: Math.max(drag.y0 + 4, drag.y1 + dy) }
        : { x0: drag.x0 + dx, y0: drag.y0 + dy, x1: drag.x1 + dx, y1: drag.y1 + dy });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const region = boxOf(drag);
      stop();
      onBlur(region);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      stop();
    }
  };

  /** Pointer position in CSS pixels of the screenshot. */
  const toImage = (e: PointerEvent): [number, number] => {
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * vw, ((e.clientY - r.top) / r.height) * vh];
  };

  /** Spread on the screenshot's box (with `ref` and its class). */
  const shotProps = {
    tabIndex: drawing ? 0 : -1,
    role: drawing ? ('application' as const) : undefined,
    'aria-label': drawing ? label : undefined,
    onKeyDown: (e: Event) => onKey(e as KeyboardEvent),
    onPointerDown: (e: PointerEvent) => {
      if (!drawing) return;
      const [x, y] = toImage(e);
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
      dragStart.current = [x, y];
      setDrag({ x0: x, y0: y, x1: x, y1: y });
    },
    onPointerMove: (e: PointerEvent) => {
      const s = dragStart.current;
      if (!drawing || !s) return;
      const [x, y] = toImage(e);
      setDrag({ x0: s[0], y0: s[1], x1: x, y1: y });
    },
    onPointerUp: (e: PointerEvent) => {
      const s = dragStart.current;
      if (!drawing || !s) return;
      const [x, y] = toImage(e);
      dragStart.current = null;
      setDrag(null);
      setDrawing(false);
      const region = boxOf({ x0: s[0], y0: s[1], x1: x, y1: y });
      if (region.width > 2 && region.height > 2) onBlur(region);
    },
  };

  return { drawing, start, stop, shotProps, selection: drag && boxOf(drag) };
}
