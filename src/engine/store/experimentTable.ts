import type { Experiment } from '../model';
import type { SqlDb } from './sqlDb';

/** The `experiments` table: one JSON document per experiment id. */
export class ExperimentTable {
  constructor(private readonly sql: SqlDb) {}

  put(experiment: Experiment): void {
    this.sql.run('INSERT OR REPLACE INTO experiments (id, created_at, json) VALUES (?, ?, ?)', [experiment.id, experiment.createdAt, JSON.stringify(experiment)]);
  }

  /** A bundle adds an experiment only when its id is new; returns whether it did. */
  insertIfNew(experiment: Experiment): boolean {
    if (this.sql.scalar('SELECT 1 FROM experiments WHERE id = ?', [experiment.id]) !== undefined) return false;
    this.put(experiment);
    return true;
  }

  get(id: string): Experiment | undefined {
    const json = this.sql.scalar('SELECT json FROM experiments WHERE id = ?', [id]);
    return json === undefined ? undefined : (JSON.parse(json as string) as Experiment);
  }

  list(): Experiment[] {
    return this.sql.rows('SELECT json FROM experiments ORDER BY created_at, id').map((r) => JSON.parse(r[0] as string) as Experiment);
  }

  count(): number {
    return Number(this.sql.scalar('SELECT COUNT(*) FROM experiments') ?? 0);
  }
}
