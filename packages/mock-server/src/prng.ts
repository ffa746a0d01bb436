/** A seeded pseudo-random generator: the same seed gives the same sequence on every platform. */
export type Random = () => number;

/** Turns a number or string seed into a 32-bit integer (FNV-1a for strings). */
export function seedToInt(seed: number | string): number {
  if (typeof seed === 'number') return seed >>> 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast and well distributed enough for fault rates; returns values in [0, 1). */
export function createRandom(seed: number | string): Random {
  let state = seedToInt(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
