-- Webhooks: endpoints the host registers, an outbox written by the very statement that makes a
-- change (a call transition, a missed call, a user change), and one delivery per event and endpoint.
CREATE TABLE webhook_endpoints (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url         text        NOT NULL,
    secret      text        NOT NULL, -- needed in clear to sign; shown to the admin once
    event_types text[],                -- null: every event
    description text,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL
);

CREATE TABLE webhook_outbox (
    id            bigserial PRIMARY KEY,
    event_type    text        NOT NULL,
    subject_id    uuid        NOT NULL, -- the call or user it is about: deliveries keep its order
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    fanned_out_at timestamptz
);
CREATE INDEX webhook_outbox_pending_idx ON webhook_outbox (id) WHERE fanned_out_at IS NULL;

CREATE TABLE webhook_deliveries (
    event_id        bigint      NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    subject_id      uuid        NOT NULL,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_status     int,
    last_error      text,
    delivered_at    timestamptz,
    PRIMARY KEY (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_order_idx ON webhook_deliveries (endpoint_id, subject_id, event_id) WHERE state = 'pending';
