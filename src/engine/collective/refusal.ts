/**
 * Why the collective refused something, naming the field: the hub answers it as
 * `4xx {"error":{"field","reason"}}` and the CLI prints it. Nothing refused is stored.
 */
export class CollectiveRefusal extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    /** The HTTP status the hub answers with. */
    readonly status = 422,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'CollectiveRefusal';
  }

  toJSON(): { error: { field: string; reason: string } } {
    return { error: { field: this.field, reason: this.reason } };
  }
}

/** The first zod issue as a refusal: its path as a field (`signatures[0].sig`), its message as the reason. */
export function refusalFromIssues(root: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): CollectiveRefusal {
  const issue = issues[0];
  const field = (issue?.path ?? []).reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), root);
  return new CollectiveRefusal(field || root, issue?.message ?? 'invalid');
}
