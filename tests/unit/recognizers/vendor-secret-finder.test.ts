// vendor-secret-finder.ts (src/core/scrub/recognizers/), through the whole scrubber with NER on: moved from tests/unit/recognisers.test.ts.
import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../../src/core/scrub/recognizers/vendor-secret-finder';
import { goneEach } from './scrubbed';

describe('vendor tokens (gitleaks rules + own prefixes)', () => {
  goneEach([
    ['Use this token to access the HTTP API: 7510083904:AAGN7o04kfWB9pxNja692BTt2NXBgevMarP', '7510083904:AAGN7o04kfWB9pxNja692BTt2NXBgevMarP'],
    ['STRIPE_WEBHOOK_SECRET=whsec_abcdefghijklmnopqrstuvwxyz012345', 'whsec_abcdefghijklmnopqrstuvwxyz012345'],
    ['DD_API_KEY=0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef'],
    ['key: glpat-AbCdEfGhIjKlMnOpQrSt', 'glpat-AbCdEfGhIjKlMnOpQrSt'],
  ]);

  it('measures entropy as gitleaks does', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});
