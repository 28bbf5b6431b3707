-- Accounts, login tokens, WebSocket tickets and durable presence.

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL,
    display_name  text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('admin', 'client')),
    avatar_url    text,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_role_idx ON users (role);

-- Bearer tokens are random; only their SHA-256 is stored, so a leaked table grants nothing.
CREATE TABLE auth_tokens (
    token_hash bytea PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id);
CREATE INDEX auth_tokens_expires_idx ON auth_tokens (expires_at);

-- Short-lived single-use tickets a browser trades for a WebSocket upgrade.
CREATE TABLE ws_tickets (
    ticket_hash bytea PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  timestamptz NOT NULL
);

-- The durable part of presence. Live device state is kept in memory (or Redis) and never
-- written per heartbeat; this row changes only when the aggregate status, the manual status,
-- the message or last-seen changes.
CREATE TABLE user_presence (
    id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                    uuid        NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    status                     text        NOT NULL DEFAULT 'offline',
    last_seen                  timestamptz,
    device_info                jsonb,
    manual_status              text CHECK (manual_status IN
                                   ('available', 'busy', 'do_not_disturb', 'be_right_back', 'away', 'appear_offline')),
    manual_status_expires_at   timestamptz,
    status_message             text,
    status_message_expires_at  timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now(),
    updated_at                 timestamptz NOT NULL DEFAULT now()
);
