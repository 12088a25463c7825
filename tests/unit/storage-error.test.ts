import { describe, expect, it } from 'vitest';
import { isStorageFull } from '../../src/core/storage-error';

describe('isStorageFull', () => {
  it.each([
    [new DOMException('The quota has been exceeded.', 'QuotaExceededError'), true],
    [Object.assign(new Error('Transaction aborted'), { name: 'QuotaExceededError' }), true],
    [new Error('IO error: No space left on device'), true],
    ['Internal error: disk is full', true],
    [new DOMException('Version change transaction was aborted', 'AbortError'), false],
    [new TypeError('Failed to fetch'), false],
    [null, false],
  ])('%s -> %s', (error, full) => expect(isStorageFull(error)).toBe(full));
});
