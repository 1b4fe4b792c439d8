/**
 * Read-only maps and sets made of a large base and a small layer of
 * changes, so that patching one delegation in a TLD zone of 100,000 names
 * does not copy 100,000 entries (about 30 ms each time on a small machine).
 * The base is never written; a layered copy of a layered map shares its
 * base and copies only the layer. When the layer grows past a fraction of
 * the base, the next copy is flattened into a plain Map (amortised: one
 * full copy per many patches). Lookups cost at most two hash lookups.
 */

const GONE: unique symbol = Symbol('gone');
type Slot<V> = V | typeof GONE;

/** Flatten once the layer holds this many entries, or an eighth of the base (whichever is larger). */
const MIN_LAYER_LIMIT = 1024;

export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  readonly #base: ReadonlyMap<K, V>;
  readonly #layer: ReadonlyMap<K, Slot<V>>;
  readonly size: number;

  private constructor(base: ReadonlyMap<K, V>, layer: ReadonlyMap<K, Slot<V>>, size: number) {
    this.#base = base;
    this.#layer = layer;
    this.size = size;
  }

  /**
   * `map` with `changes` applied (a value sets the key, `undefined` deletes it),
   * sharing `map`'s entries instead of copying them when `map` is large.
   */
  static patched<K, V>(map: ReadonlyMap<K, V>, changes: ReadonlyMap<K, V | undefined>): ReadonlyMap<K, V> {
    const base = map instanceof LayeredMap ? (map.#base as ReadonlyMap<K, V>) : map;
    const layer = new Map<K, Slot<V>>(map instanceof LayeredMap ? (map.#layer as ReadonlyMap<K, Slot<V>>) : undefined);
    let size = map.size;
    for (const [k, v] of changes) {
      const had = map.has(k);
      if (v === undefined) {
        if (!had) continue;
        size--;
        if (base.has(k)) layer.set(k, GONE);
        else layer.delete(k);
      } else {
        if (!had) size++;
        layer.set(k, v);
      }
    }
    if (layer.size > Math.max(MIN_LAYER_LIMIT, base.size / 8)) {
      const flat = new Map(map);
      for (const [k, v] of changes) {
        if (v === undefined) flat.delete(k);
        else flat.set(k, v);
      }
      return flat;
    }
    return new LayeredMap(base, layer, size);
  }

  get(key: K): V | undefined {
    const v = this.#layer.get(key);
    if (v !== undefined) return v === GONE ? undefined : v;
    return this.#base.get(key);
  }

  has(key: K): boolean {
    const v = this.#layer.get(key);
    if (v !== undefined) return v !== GONE;
    return this.#base.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.#base) if (!this.#layer.has(k)) yield [k, v];
    for (const [k, v] of this.#layer) if (v !== GONE) yield [k, v];
  }

  *keys(): MapIterator<K> {
    const layer = this.#layer;
    for (const k of this.#base.keys()) if (!layer.has(k)) yield k;
    for (const [k, v] of layer) if (v !== GONE) yield k;
  }

  *values(): MapIterator<V> {
    const layer = this.#layer;
    for (const [k, v] of this.#base) if (!layer.has(k)) yield v;
    for (const v of layer.values()) if (v !== GONE) yield v;
  }

  /** True when some key passes `test` (a plain loop over the base, no iterator per key). */
  some(test: (key: K) => boolean): boolean {
    const layer = this.#layer;
    for (const k of this.#base.keys()) if (test(k) && !layer.has(k)) return true;
    for (const [k, v] of layer) if (v !== GONE && test(k)) return true;
    return false;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** A set as a LayeredMap of keys to `true`. */
export class LayeredSet<T> implements ReadonlySet<T> {
  readonly #map: ReadonlyMap<T, true>;

  private constructor(map: ReadonlyMap<T, true>) {
    this.#map = map;
  }

  /** `set` with `added` put in and `removed` taken out, sharing `set`'s members when it is large. */
  static patched<T>(set: ReadonlySet<T>, added: Iterable<T>, removed: Iterable<T>): ReadonlySet<T> {
    const changes = new Map<T, true | undefined>();
    for (const x of removed) changes.set(x, undefined);
    for (const x of added) changes.set(x, true);
    const map = set instanceof LayeredSet ? set.#map : new Map([...set].map((x): [T, true] => [x, true]));
    return new LayeredSet(LayeredMap.patched(map, changes));
  }

  get size(): number {
    return this.#map.size;
  }

  has(value: T): boolean {
    return this.#map.has(value);
  }

  *entries(): SetIterator<[T, T]> {
    for (const k of this.#map.keys()) yield [k, k];
  }

  *keys(): SetIterator<T> {
    yield* this.#map.keys();
  }

  values(): SetIterator<T> {
    return this.keys();
  }

  [Symbol.iterator](): SetIterator<T> {
    return this.keys();
  }

  forEach(fn: (value: T, value2: T, set: ReadonlySet<T>) => void, thisArg?: unknown): void {
    for (const k of this.#map.keys()) fn.call(thisArg, k, k, this);
  }
}
