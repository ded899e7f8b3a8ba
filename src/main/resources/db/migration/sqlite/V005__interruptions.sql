-- How often the server died (or stopped at its drain timeout) while the job ran. Such a run is not the job's
-- fault, so it does not spend the job's retries; limits.max-interruptions bounds how often it is re-run.
ALTER TABLE jobs ADD COLUMN interruptions INTEGER NOT NULL DEFAULT 0;
