-- Expiries to fire, stored so that a restart before the deadline loses none. completed_at is set when
-- expiration:complete was written to the outbox, or when the order was cancelled first.
create table expirations (
    order_id     text        primary key,
    expires_at   timestamptz not null,
    completed_at timestamptz,
    cancelled    boolean     not null default false
);

create index expirations_due on expirations (expires_at) where completed_at is null;
