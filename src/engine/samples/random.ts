import mt19937 from '@stdlib/random-base-mt19937';

/**
 * A seeded generator (stdlib's Mersenne Twister, MT19937) so the same seed gives the same calls on
 * every machine and every Node version; Math.random cannot be seeded.
 */
export class SeededRandom {
  private readonly uniform: () => number;

  constructor(seed: number) {
    // MT19937 takes a seed in [1, 2³²−1]; 0 maps to 1 so every 32-bit seed is accepted.
    // `normalized` (53-bit uniform in [0, 1)) is on the generator at runtime; its published types omit it.
    const generator = mt19937.factory({ seed: seed >>> 0 || 1 }) as ReturnType<typeof mt19937.factory> & { normalized: () => number };
    this.uniform = generator.normalized;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uniform();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick: empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight; weights need not sum to one. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}
