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

/** Who sent a message, as the browser says (see platform/sender for what to make of it). */
export type Sender = browser.Runtime.MessageSender;

/**
 * Listens to runtime messages; a listener answers by returning a promise, or leaves the message to others with
 * undefined. Returns the way to stop listening.
 */
export function onMessage(listener: (raw: unknown, sender: Sender) => Promise<unknown> | undefined): () => void {
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

export type Handler<K extends MessageKind> = (
  message: MessageOf<K>,
  sender: Sender,
) => Promise<Reply<K>> | Reply<K>;

export type HandlerMap = { [K in MessageKind]?: Handler<K> };
