-- A deleted user: personal data gone, the row kept (anonymised) so that call history stays whole.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
-- Only a hash of the deleted user's external id stays, so that his next host token does not
-- recreate him just in time (the host may, explicitly, with the upsert API).
ALTER TABLE users ADD COLUMN deleted_external_id_hash bytea;
CREATE INDEX users_deleted_external_id_idx ON users (deleted_external_id_hash) WHERE deleted_external_id_hash IS NOT NULL;
