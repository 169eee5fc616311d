import type { CliContext } from './context';

export interface ProgressLine {
  update(done: number, total: number, detail?: string): void;
  done(): void;
}

/**
 * A one-line progress bar on stderr, redrawn at most every 100 ms, and only when stderr is a terminal
 * (a log file or CI gets no carriage-return noise).
 */
export function createProgress(ctx: CliContext, label: string): ProgressLine {
  let last = 0;
  let drawn = false;
  return {
    update(done, total, detail) {
      if (!ctx.interactive) return;
      const now = ctx.ports.clock.now();
      if (now - last < 100 && done < total) return;
      last = now;
      drawn = true;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const width = 24;
      const filled = Math.round(ratio * width);
      ctx.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(ratio * 100)}%${detail ? ` ${detail}` : ''}\x1b[K`);
    },
    done() {
      if (drawn) ctx.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}
