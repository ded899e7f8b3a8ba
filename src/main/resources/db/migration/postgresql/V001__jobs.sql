-- The schema of SQLite's V001-V013 as one file, for a database that several nodes share. Instants are epoch
-- milliseconds in BIGINT, as in SQLite, so that both stores read rows with the same code.

-- One row per job. seq gives the order of submission within a queue; id is the random public identity.
CREATE TABLE jobs (
    seq            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    task           TEXT    NOT NULL,
    queue          TEXT    NOT NULL,
    state          TEXT    NOT NULL CHECK (state IN ('accepted', 'running', 'successful', 'failed', 'dismissed')),
    reason         TEXT,
    message        TEXT    NOT NULL DEFAULT '',
    progress       INTEGER,
    -- the inputs as JSON text, written and read whole; nothing queries inside them
    inputs         TEXT    NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    max_retries    INTEGER NOT NULL DEFAULT 0,
    worker_pid     BIGINT,
    worker_started BIGINT,
    -- the highest memory (bytes) that the job's process tree used in its last attempt
    peak_memory    BIGINT,
    created        BIGINT  NOT NULL,
    started        BIGINT,
    finished       BIGINT,
    updated        BIGINT  NOT NULL,
    -- the SHA-256 of the submitter's token (never the token itself)
    owner          TEXT,
    -- runs cut short by a server's death or stop: they spend no retry
    interruptions  INTEGER NOT NULL DEFAULT 0,
    -- the schedule that started the job
    schedule       TEXT,
    -- the size of a finished job's folder, measured once by retention (max-disk)
    disk_bytes     BIGINT,
    -- a waiting job's place: by priority (higher first), then seq, until promote_at passes; then ahead of every job
    -- submitted after it
    priority       INTEGER NOT NULL DEFAULT 0,
    promote_at     BIGINT  NOT NULL DEFAULT 0
);

-- A queue's waiting jobs in submission order (claiming the promoted ones, positions, counts, max-wait) and its
-- running ones (line-ups)
CREATE INDEX jobs_by_queue_state ON jobs (queue, state, seq);
-- A queue's waiting jobs in the order of those not promoted yet: priority, highest first, then seq
CREATE INDEX jobs_waiting_by_priority ON jobs (queue, priority DESC, seq) WHERE state = 'accepted';
-- Listings: one submitter's jobs, one task's (newest first), a schedule's active jobs
CREATE INDEX jobs_by_owner ON jobs (owner, seq);
CREATE INDEX jobs_by_task ON jobs (task, seq);
CREATE INDEX jobs_by_schedule ON jobs (schedule, state) WHERE schedule IS NOT NULL;
-- Retention and finished-since: the finished jobs of a task, and of all tasks, by when they ended
CREATE INDEX jobs_finished_by_task ON jobs (task, finished) WHERE finished IS NOT NULL;
CREATE INDEX jobs_by_finished ON jobs (finished) WHERE finished IS NOT NULL;

-- Keys the server makes once and keeps with its data, such as the one that signs submitter tokens; every node
-- reads the same ones.
CREATE TABLE server_keys (
    name  TEXT  PRIMARY KEY,
    value BYTEA NOT NULL
);

-- Schedules: each tick is recorded once under (schedule, tick), in the same transaction as the job it starts, so
-- no restart, crash or second node can fire a tick twice.
CREATE TABLE schedule_ticks (
    schedule TEXT   NOT NULL,
    tick     BIGINT NOT NULL,
    outcome  TEXT   NOT NULL CHECK (outcome IN ('fired', 'missed', 'overlap')),
    job_id   TEXT,
    recorded BIGINT NOT NULL,
    PRIMARY KEY (schedule, tick)
);

-- Retention: each removal leaves a line here so the job's routes can answer 410 Gone, saying when.
CREATE TABLE removed_jobs (
    id      TEXT   PRIMARY KEY,
    task    TEXT   NOT NULL,
    removed BIGINT NOT NULL
);

-- Maintenance mode: at most one row; while it is there (and until has not passed) new submissions are refused.
CREATE TABLE maintenance (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    message TEXT    NOT NULL,
    since   BIGINT  NOT NULL,
    until   BIGINT
);

-- Callbacks: the subscriber URLs an execute request named, kept with its job, and the deliveries not made yet (with
-- the body as it was when the event happened). A job removed (by retention or dismissal) takes both with it: what
-- SQLite's trigger does, here by the foreign keys.
CREATE TABLE job_callbacks (
    job_id          TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    success_uri     TEXT,
    in_progress_uri TEXT,
    failed_uri      TEXT,
    -- the scheme and host the execute request named (https://host), so callback bodies carry absolute links
    origin          TEXT
);
CREATE TABLE callback_deliveries (
    id       BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id   TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    member   TEXT    NOT NULL,
    uri      TEXT    NOT NULL,
    body     TEXT    NOT NULL,
    attempts INTEGER NOT NULL,
    first_at BIGINT  NOT NULL,
    next_at  BIGINT  NOT NULL
);
CREATE INDEX callback_deliveries_by_job ON callback_deliveries (job_id);
