-- Task priority: a waiting job's place in its queue is by priority (higher first), then submission order, until
-- promote_at (epoch milliseconds) passes; from then on it goes ahead of every job submitted after it. Jobs from
-- before this version keep submission order: promote_at 0 has always passed.
ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN promote_at INTEGER NOT NULL DEFAULT 0;
