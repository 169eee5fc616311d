import type { Clock } from '../ports';

export interface BucketLimits {
  /** Tokens the bucket holds when full (the burst). */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

/** A token bucket: `take()` succeeds while tokens remain; they refill continuously up to the capacity. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limits: BucketLimits,
    private readonly clock: Clock,
  ) {
    this.tokens = limits.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.limits.capacity, this.tokens + elapsed * this.limits.refillPerSecond);
  }

  canTake(n = 1): boolean {
    this.refill();
    return this.tokens >= n;
  }

  take(n = 1): boolean {
    if (!this.canTake(n)) return false;
    this.tokens -= n;
    return true;
  }
}
