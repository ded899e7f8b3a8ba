-- One row per job. seq gives the FIFO order within a queue; id is the random public identity.
CREATE TABLE jobs (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
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
    updated        INTEGER NOT NULL
);

CREATE INDEX jobs_by_queue_state ON jobs (queue, state, seq);
CREATE INDEX jobs_by_state ON jobs (state);
