// Seeded pseudo-random numbers. Everything random in the generator goes through here, so the same seed
// always gives the same files (no Math.random, no clock).

import { at, last } from './list';

/** 32-bit FNV-1a hash of a string, used to derive independent child streams from labels. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, good enough for synthetic data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly nextFloat: () => number;

  constructor(
    readonly seed: number,
    readonly path: string = 'root',
  ) {
    this.nextFloat = mulberry32(hashString(`${seed}:${path}`));
  }

  /** A child stream that depends only on the seed and the label path, not on how much of this stream was used. */
  fork(label: string | number): Rng {
    return new Rng(this.seed, `${this.path}/${label}`);
  }

  next(): number {
    return this.nextFloat();
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.nextFloat();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.nextFloat() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.nextFloat() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from empty list');
    return at(items, Math.floor(this.nextFloat() * items.length));
  }

  /** Pick by weight: entries are [value, weight]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.nextFloat() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return last(entries)[0];
  }

  /** Approximately normal (sum of uniforms), clamped to [min, max]. */
  normal(mean: number, deviation: number, min = -Infinity, max = Infinity): number {
    const sum = this.nextFloat() + this.nextFloat() + this.nextFloat() + this.nextFloat() - 2;
    return Math.min(max, Math.max(min, mean + sum * deviation * 1.732));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.nextFloat() * (i + 1));
      const swap = at(items, i);
      items[i] = at(items, j);
      items[j] = swap;
    }
    return items;
  }
}
