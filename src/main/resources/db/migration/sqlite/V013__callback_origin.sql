-- The scheme and host the execute request named (https://host), so callback bodies made later carry absolute links.
ALTER TABLE job_callbacks ADD COLUMN origin TEXT;
