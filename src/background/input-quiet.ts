// Heavy image work (decode, blur, OCR, PNG encode) competes with the page for
// CPU; on a 2-core machine it made clicks wait. It waits for a pause in the
// user's actions instead: until no step has arrived for QUIET_MS, but never
// longer than MAX_WAIT_MS, so storage lags a burst of actions by seconds only
// (and the pipeline stops waiting when steps queue up).
const QUIET_MS = 400;
const MAX_WAIT_MS = 3000;

let lastActionAt = 0;

export function noteUserAction(at = Date.now()): void {
  lastActionAt = Math.max(lastActionAt, at);
}

export async function untilUserPauses(now: () => number = Date.now): Promise<void> {
  const start = now();
  for (;;) {
    const quietFor = now() - lastActionAt;
    const waited = now() - start;
    if (quietFor >= QUIET_MS || waited >= MAX_WAIT_MS) return;
    await new Promise((r) => setTimeout(r, Math.min(QUIET_MS - quietFor, MAX_WAIT_MS - waited)));
  }
}
