/**
 * Remembers the last `capacity` event ids, to ignore an event the stream delivers twice (Kafka
 * redelivers after a rebalance, and edm-stream passes on what it reads). Bounded so a dashboard left
 * open for days does not grow without limit; a duplicate arriving after that many newer events is
 * far outside any redelivery seen in practice.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** True if the id is new (and now remembered), false if it was seen recently. */
  remember(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      // A Set iterates in insertion order, so its first value is the oldest.
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
