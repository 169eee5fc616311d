/** Latency samples in a bounded ring (the most recent `capacity`), with nearest-rank percentiles. */
export class LatencyRecorder {
  private readonly samples: number[] = [];
  private next = 0;
  count = 0;

  constructor(private readonly capacity = 10_000) {}

  record(ms: number): void {
    this.count++;
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else {
      this.samples[this.next] = ms;
      this.next = (this.next + 1) % this.capacity;
    }
  }

  /** Nearest-rank percentile (p in 0..100); 0 with no samples. */
  percentile(p: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
    return sorted[rank - 1]!;
  }

  summary(): { p50: number; p99: number } {
    return { p50: round(this.percentile(50)), p99: round(this.percentile(99)) };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
