// The toolbar icon's badge and tooltip.
import browser from 'webextension-polyfill';

/** A badge (empty text: none) with its colour, and the icon's tooltip. */
export async function showBadge(badge: { text: string; color?: string; title: string }): Promise<void> {
  if (badge.color) await browser.action.setBadgeBackgroundColor({ color: badge.color });
  await browser.action.setBadgeText({ text: badge.text });
  await browser.action.setTitle({ title: badge.title });
}
