// Typed wrappers over runtime messaging: the one place that casts replies.
import browser from 'webextension-polyfill';
import type { Message, MessageKind, MessageOf, Reply } from '../core/messages';
import { askAgain } from '../core/ask-again';

export async function send<K extends MessageKind>(message: MessageOf<K>): Promise<Reply<K>> {
  return (await browser.runtime.sendMessage(message)) as Reply<K>;
}

/**
 * For questions that are safe to ask twice (status, config, a frame's ids): asked again while the worker
 * is stopping or starting, so a page that loads at that moment still starts recording.
 */
export function ask<K extends MessageKind>(message: MessageOf<K>): Promise<Reply<K>> {
  return askAgain(() => browser.runtime.sendMessage(message) as Promise<Reply<K> | undefined>);
}

/** Fire-and-forget broadcast; "no receiver" is not an error for a broadcast. */
export function broadcast(message: Message): void {
  browser.runtime.sendMessage(message).catch(() => undefined);
}

export type Handler<K extends MessageKind> = (
  message: MessageOf<K>,
  sender: browser.Runtime.MessageSender,
) => Promise<Reply<K>> | Reply<K>;

export type HandlerMap = { [K in MessageKind]?: Handler<K> };
