-- Retention: finished jobs older than their task's keep time are removed; each removal leaves a line here so the
-- job's routes can answer 410 Gone, saying when, rather than a bare 404.
CREATE TABLE removed_jobs (
    id TEXT PRIMARY KEY,
    task TEXT NOT NULL,
    removed INTEGER NOT NULL
);
CREATE INDEX jobs_finished_by_task ON jobs (task, finished) WHERE finished IS NOT NULL;
