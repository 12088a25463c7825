// What the extension's own pages hear: broadcasts from the worker and the
// image-work page (recording changed, export progress). Content scripts can
// broadcast too, so every message is checked against who may send it.
import { isMessage, type Message } from '../core/messages';
import { onMessage } from './messaging';
import { mayReceive } from './sender';

/** Listens for news; returns the way to stop listening. */
export function onNews(listener: (message: Message) => void): () => void {
  return onMessage((raw, sender) => {
    if (isMessage(raw) && mayReceive(raw.kind, sender)) listener(raw);
    return undefined;
  });
}
