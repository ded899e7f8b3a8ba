-- Keys the server makes once and keeps with its data, such as the one that signs submitter tokens: kept in the
-- database so that a backup and its restore keep every issued token valid.
CREATE TABLE server_keys (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
