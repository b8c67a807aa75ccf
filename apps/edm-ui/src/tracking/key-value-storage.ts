/** The part of the Web Storage API the shop uses; tests pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What the outbox also needs: to find other tabs' outboxes and take them over. */
export interface ListableStorage extends KeyValueStorage {
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

/** Every key in the storage, read at once (the list changes as keys are removed). */
export function storageKeys(storage: ListableStorage): string[] {
  const keys: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** A Storage in memory, for tests and for browsers where storage is switched off. */
export function memoryStorage(
  initial: Record<string, string> = {},
): ListableStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
    removeItem: (key) => {
      data.delete(key);
    },
    key: (index) => [...data.keys()][index] ?? null,
    get length() {
      return data.size;
    },
  };
}
