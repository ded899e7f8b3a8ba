-- Every state change wrote four pages: the row, two indexes, and (on insert) the AUTOINCREMENT counter.
-- seq stays the FIFO order without AUTOINCREMENT: a new row always gets a higher rowid than any row left.
-- The index on state alone only served the rare scans at start-up, which the table scan covers.
CREATE TABLE jobs_lean (
    seq            INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    task           TEXT    NOT NULL,
    queue          TEXT    NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('accepted', 'running', 'successful', 'failed', 'dismissed')),
    reason         TEXT,
    message        TEXT    NOT NULL DEFAULT '',
    progress       INTEGER,
    inputs         TEXT    NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    max_retries    INTEGER NOT NULL DEFAULT 0,
    worker_pid     INTEGER,
    worker_started INTEGER,
    created        INTEGER NOT NULL,
    started        INTEGER,
    finished       INTEGER,
    updated        INTEGER NOT NULL,
    peak_memory    INTEGER
);

INSERT INTO jobs_lean (seq, id, task, queue, state, reason, message, progress, inputs, attempts, max_retries,
                       worker_pid, worker_started, created, started, finished, updated, peak_memory)
SELECT seq, id, task, queue, state, reason, message, progress, inputs, attempts, max_retries,
       worker_pid, worker_started, created, started, finished, updated, peak_memory
FROM jobs;

DROP TABLE jobs;
ALTER TABLE jobs_lean RENAME TO jobs;
CREATE INDEX jobs_by_queue_state ON jobs (queue, state, seq);
