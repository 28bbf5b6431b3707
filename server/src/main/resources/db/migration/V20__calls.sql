-- Calls and missed calls. Columns follow the original spec (call_attempts, missed_calls);
-- the extra columns carry what the state machine needs. Every invariant the code relies on is
-- also a constraint here, so a bug or a race can fail a statement but never store a bad state.

CREATE TABLE call_attempts (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    caller_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    callee_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    call_type          text        NOT NULL CHECK (call_type IN ('video', 'audio')),
    status             text        NOT NULL CHECK (status IN
                           ('ringing', 'answered', 'ended', 'declined', 'missed', 'cancelled', 'failed')),
    -- hang-up reason, Matrix vocabulary (user_hangup, invite_timeout, offline, glare, ...)
    reason             text,
    started_at         timestamptz NOT NULL,
    -- durable ring timer: the sweeper ends ringing calls past this instant, even after a restart
    ring_deadline      timestamptz,
    answered_at        timestamptz,
    answered_device_id text,
    -- the caller's device taking part in signalling; pinned by its first call.signal
    caller_device_id   text,
    ended_at           timestamptz,
    duration_seconds   integer CHECK (duration_seconds >= 0),
    idempotency_key    text CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- glare: the call that survived when this one lost
    replaced_by        uuid REFERENCES call_attempts (id) DEFERRABLE INITIALLY DEFERRED,
    metadata           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT call_attempts_not_self CHECK (caller_id <> callee_id),
    CONSTRAINT call_attempts_ringing_shape CHECK (status <> 'ringing'
        OR (ring_deadline IS NOT NULL AND answered_at IS NULL AND ended_at IS NULL)),
    CONSTRAINT call_attempts_answered_shape CHECK (status <> 'answered'
        OR (answered_at IS NOT NULL AND answered_device_id IS NOT NULL AND ended_at IS NULL)),
    CONSTRAINT call_attempts_ended_shape CHECK (status IN ('ringing', 'answered')
        OR (ended_at IS NOT NULL AND reason IS NOT NULL)),
    CONSTRAINT call_attempts_ended_was_answered CHECK (status <> 'ended' OR answered_at IS NOT NULL),
    CONSTRAINT call_attempts_duration_only_if_answered CHECK (duration_seconds IS NULL OR answered_at IS NOT NULL)
);

-- A retried POST /api/calls with the same Idempotency-Key finds its call instead of making another.
CREATE UNIQUE INDEX call_attempts_idempotency_key ON call_attempts (caller_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- At most one ringing call between two people, whoever called whom (glare leaves one call).
CREATE UNIQUE INDEX call_attempts_one_ringing_per_pair
    ON call_attempts (LEAST(caller_id, callee_id), GREATEST(caller_id, callee_id))
    WHERE status = 'ringing';
CREATE INDEX call_attempts_ring_deadline ON call_attempts (ring_deadline) WHERE status = 'ringing';
CREATE INDEX call_attempts_active_caller ON call_attempts (caller_id) WHERE status IN ('ringing', 'answered');
CREATE INDEX call_attempts_active_callee ON call_attempts (callee_id) WHERE status IN ('ringing', 'answered');
CREATE INDEX call_attempts_caller_history ON call_attempts (caller_id, started_at DESC, id DESC);
CREATE INDEX call_attempts_callee_history ON call_attempts (callee_id, started_at DESC, id DESC);

CREATE TABLE missed_calls (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- at most one missed-call record per call
    call_id      uuid        NOT NULL UNIQUE REFERENCES call_attempts (id) ON DELETE CASCADE,
    caller_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    callee_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    call_type    text        NOT NULL CHECK (call_type IN ('video', 'audio')),
    -- why the callee missed it: offline, do_not_disturb, user_busy, invite_timeout, user_hangup (cancelled)
    reason       text        NOT NULL,
    attempted_at timestamptz NOT NULL,
    seen_at      timestamptz,
    metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX missed_calls_callee_list ON missed_calls (callee_id, attempted_at DESC, id DESC);
CREATE INDEX missed_calls_callee_unseen ON missed_calls (callee_id) WHERE seen_at IS NULL;
CREATE INDEX missed_calls_attempted_at ON missed_calls (attempted_at);
