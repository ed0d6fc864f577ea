-- The transactional outbox: an event row commits in the same transaction as the record change it
-- describes; OutboxRelay publishes pending rows (sent_at is null) in seq order and marks them sent.
create table outbox (
    seq        bigserial   primary key,
    message_id text        not null unique,
    subject    text        not null,
    payload    text        not null,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);

create index outbox_pending on outbox (seq) where sent_at is null;
create index outbox_sent on outbox (sent_at) where sent_at is not null;

-- Wake the relay at commit time (NOTIFY is delivered on commit, never for a rolled-back insert).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;

create trigger outbox_inserted after insert on outbox
    for each statement execute function outbox_notify();
