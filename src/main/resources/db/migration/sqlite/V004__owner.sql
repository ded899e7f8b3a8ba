-- Who submitted the job: the SHA-256 of the submitter's token (never the token itself), or NULL for jobs
-- from before tokens. Lists of one submitter's jobs read it newest first.
ALTER TABLE jobs ADD COLUMN owner TEXT;
CREATE INDEX jobs_by_owner ON jobs (owner, seq);
