// @vitest-environment happy-dom
// A hostile page against the split-secret pass (core/scrub/inline-runs): secrets split in more pieces, nested,
// around whitespace-only nodes and invisible characters, through the path a real observation takes (the page's
// node-by-node scrub, assembly, the worker's boundary) as inline-runs-pipeline.test.ts does.
import { describe, expect, it } from 'vitest';
import { pageDraft, storedStep } from './observed-page';

const TOKEN = /ghp_|Zq8RkT|wN4pYs|jC3bQx|Ae5Uo6/;
const MAIL = /jane\.doe|example\.com/;
const CARD = /4111|1111 1111|1111\u00ad?1111/;

/** Neither the stored tree nor the stored accessibility tree holds any piece of the secret. */
function noPieceStored(_name: string, html: string, leak: RegExp): void {
  const o = storedStep(pageDraft(html));
  expect(o.dom_tree).not.toMatch(leak);
  expect(o.axtree ?? '').not.toMatch(leak);
}

describe('split secrets a hostile page writes', () => {
  it.each([
    ['token in three <b>s', '<p>Key <b>ghp_Zq8RkT</b><b>2vLm9XwN4pYs</b><b>7HjC3bQx1Ae5Uo6Ii0</b></p>', TOKEN],
    ['token in nested inline elements', '<p>Key <span><b>ghp_Zq8RkT2vLm9X</b></span><i><u>wN4pYs7HjC3bQx1Ae5Uo6Ii0</u></i></p>', TOKEN],
    ['card around a whitespace-only node', '<p><span>4111 1111</span> <span>1111 1111</span></p>', CARD],
    ['card split in four spans', '<p><span>4111</span><span> 1111</span><span> 1111</span><span> 1111</span></p>', CARD],
    ['e-mail with a zero-width space at the join', '<p>Write <em>jane.doe</em>\u200b@example.com today</p>', MAIL],
    ['e-mail with a zero-width space in the second node', '<p>Write <em>jane.doe</em><b>\u200b@example.com</b> today</p>', MAIL],
    ['e-mail with a soft hyphen at the join', '<p>Write <em>jane.doe\u00ad</em>@example.com today</p>', MAIL],
    ['e-mail with a right-to-left mark at the join', '<p>Write <em>jane.doe</em>\u200f@example.com today</p>', MAIL],
    ['e-mail with a word joiner at the join', '<p>Write <em>jane.doe</em><b>\u2060@example.com</b> today</p>', MAIL],
    ['token with a zero-width space at the join', '<p>Key <b>ghp_Zq8RkT2vLm9X</b><b>\u200bwN4pYs7HjC3bQx1Ae5Uo6Ii0</b></p>', TOKEN],
    ['card with a soft hyphen at the join', '<p><span>4111 1111\u00ad</span><span>1111 1111</span></p>', CARD],
    ['e-mail in three pieces, the middle one an address itself', '<p>Write <b>jane</b><i>.doe@exa</i><u>mple.com</u> today</p>', MAIL],
    ['e-mail in three pieces around the @', '<p>Write <b>jane.doe</b><i>@</i><u>example.com</u> today</p>', MAIL],
    ['e-mail whose domain is split by a soft hyphen inside a link', '<p>Write jane.doe@<a href="/d">exam\u00ad</a><b>ple.com</b> today</p>', MAIL],
    // Not rendered, so no break between the halves: read joined.
    ['e-mail around a script', '<p>Write <em>jane.doe</em><script>1</script>@example.com today</p>', MAIL],
    ['e-mail around a hidden line break', '<p>Write <em>jane.doe</em><br style="display:none">@example.com today</p>', MAIL],
    ['e-mail around a template', '<p>Write <em>jane.doe</em><template>x</template>@example.com today</p>', MAIL],
    ['e-mail around a comment', '<p>Write <em>jane.doe</em><!-- x -->@example.com today</p>', MAIL],
  ])('%s: no half stored', noPieceStored);

  it.each([
    ['e-mail with a zero-width space', '<p>Write jane.doe\u200b@example.com today</p>', MAIL],
    ['token with a zero-width space', '<p>Key ghp_Zq8RkT2vLm9X\u200bwN4pYs7HjC3bQx1Ae5Uo6Ii0</p>', TOKEN],
    ['e-mail with a soft hyphen', '<p>Write jane.doe\u00ad@example.com today</p>', MAIL],
  ])('baseline, one text node: %s', noPieceStored);
});
