-- A WebSocket ticket belongs to the session (bearer token) that asked for it: it works only while
-- that session does, and the socket it opens closes when the session ends. Nullable, so that nodes
-- still running the previous version can go on issuing tickets during a rolling upgrade; a ticket
-- without a session no longer redeems (the redemption joins its token).
ALTER TABLE ws_tickets ADD COLUMN token_hash bytea REFERENCES auth_tokens (token_hash) ON DELETE CASCADE;
