/** Bad input to a statistics function: names the field and what would fix it. */
export class StatsInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'StatsInputError';
  }
}

export function requirePositiveInt(field: string, v: number): void {
  if (!Number.isInteger(v) || v <= 0) throw new StatsInputError(field, `must be a positive integer (got ${v})`);
}

export function requireFinite(field: string, v: number): void {
  if (!Number.isFinite(v)) throw new StatsInputError(field, `must be a finite number (got ${v})`);
}

export function requireAlpha(alpha: number, field = 'alpha'): void {
  if (!(alpha > 0 && alpha < 1)) throw new StatsInputError(field, `must be strictly between 0 and 1 (got ${alpha})`);
}
