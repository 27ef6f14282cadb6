// A seeded PRNG so the sandbox data is the same on every run for the same seed: tests and the
// benchmark refer to records by id and expect them to look the same each time.

/** mulberry32: tiny, fast and good enough for test data (not for anything secret). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the seed with a record id and a salt, so each org's sub-resources get their own stream. */
export function mix(seed: number, id: number, salt: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [id, salt]) {
    h = Math.imul(h ^ v, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number, id = 0, salt = 0): Rng {
  const next = prng(mix(seed, id, salt));
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}
