import type { CliContext } from './context';

export interface StatusLine {
  /** Redraws the line; throttled to every 100 ms unless `final`. */
  show(text: string, final?: boolean): void;
  /** Clears the line (call before printing anything else). */
  done(): void;
}

/**
 * One redrawn line on stderr, only when stderr is a terminal (a log file or CI gets no
 * carriage-return noise).
 */
export function createStatusLine(ctx: CliContext): StatusLine {
  let last = 0;
  let drawn = false;
  return {
    show(text, final = false) {
      if (!ctx.interactive) return;
      const now = ctx.ports.clock.now();
      if (now - last < 100 && !final) return;
      last = now;
      drawn = true;
      ctx.stderr.write(`\r${text}\x1b[K`);
    },
    done() {
      if (drawn) ctx.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** `[#####.....]` for a fraction of `width` cells. */
export function bar(done: number, total: number, width = 24): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

export interface ProgressLine {
  update(done: number, total: number, detail?: string): void;
  done(): void;
}

/** A labelled progress bar with a percentage on a status line. */
export function createProgress(ctx: CliContext, label: string): ProgressLine {
  const line = createStatusLine(ctx);
  return {
    update(done, total, detail) {
      const pct = total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 100;
      line.show(`${label} ${bar(done, total)} ${pct}%${detail ? ` ${detail}` : ''}`, done >= total);
    },
    done: () => line.done(),
  };
}
