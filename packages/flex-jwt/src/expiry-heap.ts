type Item = readonly [expiresAt: number, key: string, entry: object]

/**
 * A min-heap of `[expiresAt, key, entry]`, the earliest expiry on top: which entries of a memory
 * storage expire first, in O(log n) per push and pop. Items go stale when their key is deleted or
 * written again; the owner tells a live item by its `entry` being the one its map holds (by
 * identity: a key written twice at the same instant leaves two items with equal expiries).
 */
export class ExpiryHeap {
  private items: Item[] = []

  get size(): number {
    return this.items.length
  }

  push(expiresAt: number, key: string, entry: object): void {
    this.items.push([expiresAt, key, entry])
    this.siftUp(this.items.length - 1)
  }

  /** The earliest item if it expired at or before `at`, removed; else `undefined`. */
  popExpired(at: number): Item | undefined {
    const top = this.items[0]
    if (top === undefined || top[0] > at) return undefined
    const last = this.items.pop() as Item
    if (this.items.length > 0) {
      this.items[0] = last
      this.siftDown(0)
    }
    return top
  }

  /** Keeps only the items `keep` accepts (stale ones dropped), in O(n). */
  rebuild(keep: (item: Item) => boolean): void {
    this.items = this.items.filter(keep)
    for (let index = (this.items.length >> 1) - 1; index >= 0; index -= 1) this.siftDown(index)
  }

  private expiry(index: number): number {
    return (this.items[index] as Item)[0]
  }

  private swap(a: number, b: number): void {
    const item = this.items[a] as Item
    this.items[a] = this.items[b] as Item
    this.items[b] = item
  }

  private siftUp(start: number): void {
    let index = start
    while (index > 0) {
      const parent = (index - 1) >> 1
      if (this.expiry(parent) <= this.expiry(index)) return
      this.swap(parent, index)
      index = parent
    }
  }

  private siftDown(start: number): void {
    let index = start
    for (;;) {
      let smallest = index
      for (const child of [2 * index + 1, 2 * index + 2]) {
        if (child < this.items.length && this.expiry(child) < this.expiry(smallest))
          smallest = child
      }
      if (smallest === index) return
      this.swap(smallest, index)
      index = smallest
    }
  }
}
