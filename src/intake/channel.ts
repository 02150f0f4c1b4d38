// A bounded channel between producers (page fetches) and one consumer (the
// ingest loop): push waits while the channel is full, the consumer iterates
// until the channel is closed and empty.

export class Channel<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly spaceWaiters: (() => void)[] = [];
  private itemWaiter: (() => void) | null = null;
  private closed = false;

  constructor(private readonly capacity: number) {
    if (capacity < 1) throw new RangeError("a channel holds at least one item");
  }

  get size(): number {
    return this.items.length;
  }

  /** Add an item, waiting while the channel is full; false when it was closed meanwhile. */
  async push(item: T): Promise<boolean> {
    while (!this.closed && this.items.length >= this.capacity) await new Promise<void>((r) => this.spaceWaiters.push(r));
    if (this.closed) return false;
    this.items.push(item);
    this.itemWaiter?.();
    return true;
  }

  /** No more items: the consumer ends once the channel is empty; waiting producers are let go. */
  close(): void {
    this.closed = true;
    this.itemWaiter?.();
    for (const w of this.spaceWaiters.splice(0)) w();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length) {
        const item = this.items.shift()!;
        this.spaceWaiters.shift()?.();
        yield item;
      } else if (this.closed) return;
      else {
        await new Promise<void>((r) => (this.itemWaiter = r));
        this.itemWaiter = null;
      }
    }
  }
}
