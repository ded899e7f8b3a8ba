-- Callbacks: the subscriber URLs an execute request named, kept with its job so they survive a restart, and the
-- deliveries not made yet (with the body as it was when the event happened), so a retry after a restart sends the same.
CREATE TABLE job_callbacks (
    job_id TEXT PRIMARY KEY,
    success_uri TEXT,
    in_progress_uri TEXT,
    failed_uri TEXT
);
CREATE TABLE callback_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id TEXT NOT NULL,
    member TEXT NOT NULL,
    uri TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    next_at INTEGER NOT NULL
);
CREATE INDEX callback_deliveries_by_job ON callback_deliveries (job_id);
-- why: a job removed (by retention or dismissal) takes its callbacks with it, whoever removes it
CREATE TRIGGER job_callbacks_removed AFTER DELETE ON jobs BEGIN
    DELETE FROM job_callbacks WHERE job_id = OLD.id;
    DELETE FROM callback_deliveries WHERE job_id = OLD.id;
END;
