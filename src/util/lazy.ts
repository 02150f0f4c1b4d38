// Values made on first read: a thunk that keeps what it made, and a field of an
// object that reads through one. A decoded story blob gives its vectors this way,
// since most candidate stories are turned away before their words are compared.

/** `make` run on the first call only; later calls give what it returned. */
export function once<T>(make: () => T): () => T {
  let maker: (() => T) | null = make;
  let value: T;
  return () => {
    if (maker) {
      value = maker();
      maker = null; // what it held (a blob's keys and weights) can go
    }
    return value;
  };
}

/** Define `target[key]` as made by `read` on first read: enumerable, so spreads, `Object.entries` and comparisons read it like a plain field. */
export function lazyField<T extends object>(target: T, key: PropertyKey, read: () => unknown): void {
  Object.defineProperty(target, key, { get: once(read), enumerable: true });
}

/** Is `target[key]` a value already made (not one left to make on first read)? */
export function isMade(target: object, key: PropertyKey): boolean {
  const d = Object.getOwnPropertyDescriptor(target, key);
  return d !== undefined && "value" in d;
}
