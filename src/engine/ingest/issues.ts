import type { z } from 'zod';

/** `['traj', 3, 'role']` → `traj[3].role`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(record)';
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Follows a zod issue path into the input so the reason can say what was actually there. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** The first zod issue as a field name and a plain reason that says how to fix it. */
export function describeZodError(error: z.ZodError, input: unknown, prefix = ''): { field: string; reason: string } {
  const issue = error.issues[0]!;
  const path: PropertyKey[] = [...issue.path];
  const field = fieldPath(path, prefix);
  const actual = valueAt(input, path);
  let reason: string;
  switch (issue.code) {
    case 'invalid_type':
      reason =
        actual === undefined
          ? `${field} is missing; add it (${issue.expected} expected)`
          : `${field} must be ${issue.expected === 'array' || issue.expected === 'object' ? 'an' : 'a'} ${issue.expected}, not ${typeOf(actual)}; fix its value`;
      break;
    case 'invalid_value':
      reason = `${field} is ${JSON.stringify(actual)}; it must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.map((v) => JSON.stringify(v)).join(', ') : '';
        reason = `${field} ${JSON.stringify(actual)} is not a known value; use one of ${options}`;
      } else {
        const branches = 'errors' in issue ? issue.errors.map((b) => b[0]?.message).filter(Boolean) : [];
        reason = `${field} is ${JSON.stringify(actual)}, which fits none of the accepted shapes (${branches.join('; ') || issue.message}); fix its value`;
      }
      break;
    case 'too_small':
      reason = `${field} is too small or empty (${issue.message}); give it a value`;
      break;
    case 'too_big':
      reason = `${field} is too large (${issue.message}); shorten it`;
      break;
    case 'invalid_format':
      reason = `${field} is not a valid ${issue.format} (${JSON.stringify(actual)}); use e.g. 2026-01-31T12:00:00Z or epoch milliseconds`;
      break;
    default:
      reason = `${field}: ${issue.message}`;
  }
  return { field, reason };
}
