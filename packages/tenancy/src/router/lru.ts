/** A Map kept in least-recently-used order: `touch` moves an entry to the back. */
export class LruMap<K, V> extends Map<K, V> {
  touch(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  /** Entries from least to most recently used. */
  oldestFirst(): [K, V][] {
    return [...this.entries()];
  }
}
