import { describe, expect, it } from 'vitest';
import { createRandom, seedToInt } from '../src/prng.js';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number | string) => Array.from({ length: 100 }, createRandom(seed));
    expect(take(1)).toEqual(take(1));
    expect(take('a')).toEqual(take('a'));
    expect(take(1)).not.toEqual(take(2));
    expect(take('a')).not.toEqual(take('b'));
  });

  it('stays in [0, 1) and spreads evenly over ten buckets', () => {
    const random = createRandom(12345);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 50_000; i++) {
      const value = random();
      if (!(value >= 0 && value < 1)) outside++;
      buckets[Math.floor(value * 10)] = (buckets[Math.floor(value * 10)] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 5_000)).toBeLessThan(250);
  });

  it.each([
    ['a number', { given: 42, want: 42 }],
    ['a negative number wraps to 32 bits', { given: -1, want: 4294967295 }],
  ])('turns %s into a 32-bit seed', (_name, { given, want }) => {
    expect(seedToInt(given)).toBe(want);
  });

  it('hashes strings to distinct 32-bit seeds', () => {
    const seeds = ['a', 'b', 'seed', 'seee', 'ci-run-1', 'ci-run-2'].map(seedToInt);
    expect(new Set(seeds).size).toBe(seeds.length);
    for (const seed of seeds) expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
  });
});
