-- Users the host app manages: its own id for them (the JWT subject, or the id it upserts by), no
-- Callboard password, and not always an email (an IdP's access token may carry none).
ALTER TABLE users ADD COLUMN external_id text;
CREATE UNIQUE INDEX users_external_id_key ON users (external_id);
ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- Server credentials of the host backend: shown once, stored as SHA-256, revocable.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name         text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    created_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- How a session began: a password login, a host-signed JWT (stored by the JWT's hash), or a token
-- minted with an API key (which dies with its key).
ALTER TABLE auth_tokens ADD COLUMN kind text NOT NULL DEFAULT 'login' CHECK (kind IN ('login', 'host_jwt', 'minted'));
ALTER TABLE auth_tokens ADD COLUMN api_key_id uuid REFERENCES api_keys (id) ON DELETE CASCADE;
CREATE INDEX auth_tokens_api_key_idx ON auth_tokens (api_key_id) WHERE api_key_id IS NOT NULL;
