-- A deleted user: personal data gone, the row kept (anonymised) so that call history stays whole.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
