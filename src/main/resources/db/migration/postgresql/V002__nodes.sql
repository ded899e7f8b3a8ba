-- Several nodes on one database. Each start of a node registers one row here and renews its lease while it lives;
-- all times in this table come from the database's clock, never a node's.
CREATE TABLE nodes (
    -- one registration: a node that restarts, or that lost its lease, registers afresh under a new id
    id            TEXT   PRIMARY KEY,
    -- the name the node's config gives it (by default host:port), shown on the admin pages
    name          TEXT   NOT NULL,
    -- marks the processes the node starts on its machine (and names its folder for warm workers' windows)
    marker        TEXT   NOT NULL,
    -- where its HTTP server listens, once it does
    address       TEXT,
    version       TEXT   NOT NULL,
    started       BIGINT NOT NULL,
    memory_budget BIGINT NOT NULL,
    renewed       BIGINT NOT NULL,
    lease_until   BIGINT NOT NULL
);

-- The registration that runs a running job: only it may record the job's progress, worker or end (fencing). A node
-- found dead hands its running jobs to the one that rescues them, in the transaction that removes its row.
ALTER TABLE jobs ADD COLUMN node TEXT;
-- Set by any node to stop a job that runs on another; the node running it sees the flag and stops it.
ALTER TABLE jobs ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX jobs_running_by_node ON jobs (node) WHERE state = 'running';

-- The node that makes a callback delivery (and retries it); another node takes the delivery over once that node has no
-- live registration, so a delivery is neither lost with its node nor made by two nodes.
ALTER TABLE callback_deliveries ADD COLUMN node TEXT;

-- Work one node does for all (the schedule ticker, retention, rescue): the holder renews its claim with its lease,
-- and another node takes it over once the claim has run out.
CREATE TABLE cluster_roles (
    role  TEXT   PRIMARY KEY,
    node  TEXT   NOT NULL,
    until BIGINT NOT NULL
);
