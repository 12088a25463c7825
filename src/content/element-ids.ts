// Stable integer ids for DOM nodes: a WeakMap mirror (as rrweb does), so the
// same node keeps its id across every step recorded on a page, and a removed
// node's id is never reused.
import { isElement } from './dom-safe';
export class ElementIds {
  private readonly ids = new WeakMap<Node, number>();
  private readonly nodes = new Map<number, WeakRef<Element>>();
  private next: number;

  constructor(start = 1) {
    this.next = start;
  }

  idOf(node: Node): number {
    let id = this.ids.get(node);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(node, id);
      if (isElement(node)) this.nodes.set(id, new WeakRef(node));
    }
    return id;
  }

  /** Move the id range before any id is handed out (a frame learns its range after it starts listening). */
  startAt(start: number): void {
    if (this.nodes.size === 0) this.next = start;
  }

  peek(node: Node): number | undefined {
    return this.ids.get(node);
  }

  elementOf(id: number): Element | undefined {
    return this.nodes.get(id)?.deref();
  }
}
