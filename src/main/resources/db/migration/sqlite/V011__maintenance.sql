-- Maintenance mode: at most one row; while it is there (and `until`, epoch milliseconds, has not passed) new
-- submissions are refused. Kept in the database so it survives a restart and every node sees it.
CREATE TABLE maintenance (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    message TEXT NOT NULL,
    since INTEGER NOT NULL,
    until INTEGER
);
