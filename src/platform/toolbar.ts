// The toolbar icon's badge and tooltip.
import browser from 'webextension-polyfill';

/** What this worker last showed: each call relays out the browser's toolbar, so an unchanged part is not set again. */
let shown: { text?: string; color?: string; title?: string } = {};

/** A badge (empty text: none) with its colour, and the icon's tooltip. */
export async function showBadge(badge: { text: string; color?: string; title: string }): Promise<void> {
  try {
    if (badge.color && badge.color !== shown.color) {
      shown.color = badge.color;
      await browser.action.setBadgeBackgroundColor({ color: badge.color });
    }
    if (badge.text !== shown.text) {
      shown.text = badge.text;
      await browser.action.setBadgeText({ text: badge.text });
    }
    if (badge.title !== shown.title) {
      shown.title = badge.title;
      await browser.action.setTitle({ title: badge.title });
    }
  } catch (error) {
    // Not known to be shown after all: the next call sets every part again.
    shown = {};
    throw error;
  }
}
