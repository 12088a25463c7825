import { describe, expect, it } from 'vitest';
import { ReportHistory } from '../../src/core/report-history';

describe('ReportHistory: a frame map holds for its pixels only if no frame changed after its report first', () => {
  it('a page that changed after its report, before the pixels, leaves the map not holding (rendering page p40)', () => {
    const h = new ReportHistory();
    h.reported(1, 0, 1000);
    h.changed(1, 0, 1005); // the text swapped just after the report; the capture waited until 1400
    expect(h.heldAt(1, [1000], 1400)).toBe(false);
  });

  it('a change after the pixels (the action) leaves it holding', () => {
    const h = new ReportHistory();
    h.reported(1, 0, 1000);
    h.changed(1, 0, 1500);
    expect(h.heldAt(1, [1000], 1400)).toBe(true);
  });

  it('only the first change after a report counts; a later report starts again', () => {
    const h = new ReportHistory();
    h.reported(1, 0, 1000);
    h.changed(1, 0, 1100);
    h.changed(1, 0, 1050); // not the first: ignored
    h.reported(1, 0, 1300);
    expect(h.heldAt(1, [1000], 1200)).toBe(false);
    expect(h.heldAt(1, [1300], 1400)).toBe(true);
  });

  it('every frame of the map counts: a subframe that changed after its own report spoils it', () => {
    const h = new ReportHistory();
    h.reported(1, 7, 900);
    h.reported(1, 0, 1000);
    h.changed(1, 7, 950);
    expect(h.heldAt(1, [900, 1000], 1400)).toBe(false);
    expect(h.heldAt(1, [1000], 1400)).toBe(true);
  });

  it('a report it does not know (a worker restart) holds nothing', () => {
    const h = new ReportHistory();
    expect(h.heldAt(1, [1000], 1400)).toBe(false);
    h.reported(1, 0, 1000);
    h.forget(1);
    expect(h.heldAt(1, [1000], 1400)).toBe(false);
  });
});
