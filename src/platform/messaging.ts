// Typed wrappers over runtime messaging: the one place that casts replies.
import browser from 'webextension-polyfill';
import type { Message, MessageKind, MessageOf, Reply } from '../core/messages';

export async function send<K extends MessageKind>(message: MessageOf<K>): Promise<Reply<K>> {
  return (await browser.runtime.sendMessage(message)) as Reply<K>;
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
