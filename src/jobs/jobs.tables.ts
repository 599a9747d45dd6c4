import type { ColumnType } from 'kysely';

/** A job's effect is committed together with its row here, so a retried job cannot apply twice. */
export interface JobEffectsTable {
  job_id: string;
  queue: string;
  completed_at: ColumnType<Date, Date | undefined, never>;
}

export interface JobsTables {
  job_effects: JobEffectsTable;
}
