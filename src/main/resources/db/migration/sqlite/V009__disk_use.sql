-- max-disk: the size of a finished job's folder, measured once by the retention sweeper after the job ended.
ALTER TABLE jobs ADD COLUMN disk_bytes INTEGER;
