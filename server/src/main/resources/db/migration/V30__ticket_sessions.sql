-- A WebSocket ticket belongs to the session (bearer token) that asked for it: it works only while
-- that session does, and the socket it opens closes when the session ends. Tickets live 30 s, so
-- the ones still here when this runs are simply dropped.
DELETE FROM ws_tickets;
ALTER TABLE ws_tickets ADD COLUMN token_hash bytea NOT NULL REFERENCES auth_tokens (token_hash) ON DELETE CASCADE;
