-- Schedules: each tick is recorded once under (schedule, tick), in the same transaction as the job it starts, so
-- no restart, crash or second node can fire a tick twice. A job started by a schedule carries its name.
ALTER TABLE jobs ADD COLUMN schedule TEXT;
CREATE INDEX jobs_by_schedule ON jobs (schedule, state) WHERE schedule IS NOT NULL;
CREATE TABLE schedule_ticks (
    schedule TEXT NOT NULL,
    tick INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    job_id TEXT,
    recorded INTEGER NOT NULL,
    PRIMARY KEY (schedule, tick)
);
