/** Table types of the platform context, merged into the store's DB interface. */
export interface ChangeCountersTable {
  institution_id: string;
  /** What changed: a ChangeTopic (src/platform/change-watcher.ts). */
  topic: string;
  counter: number;
  changed_at: number;
}

export interface ScheduledJobsTable {
  name: string;
  next_due: number;
  last_holder: string | null;
  last_started_at: number | null;
}

declare module '../store/schema.ts' {
  interface DB {
    change_counters: ChangeCountersTable;
    scheduled_jobs: ScheduledJobsTable;
  }
}
