-- The highest memory (bytes, PSS where readable) that a job's process tree used in its last attempt.
ALTER TABLE jobs ADD COLUMN peak_memory INTEGER;
