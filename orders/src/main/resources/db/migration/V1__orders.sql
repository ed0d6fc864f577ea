-- The replica of the tickets service's tickets: same id, title, price and version as the owner.
create table tickets (
    id         uuid          primary key,
    title      text          not null,
    price      numeric(12,2) not null,
    version    bigint        not null,
    -- When the current version was applied here (database clock), for the replication lag.
    applied_at timestamptz   not null default clock_timestamp()
);

create table orders (
    id         uuid        primary key,
    user_id    text        not null,
    status     text        not null,
    expires_at timestamptz not null,
    ticket_id  uuid        not null references tickets (id),
    version    bigint      not null default 0,
    created_at timestamptz not null default now()
);

create index orders_by_user on orders (user_id, created_at);
-- A ticket is reserved by at most one order that is not cancelled: the database enforces it, so two
-- concurrent requests for the same ticket cannot both succeed.
create unique index orders_one_active_per_ticket on orders (ticket_id) where status <> 'cancelled';
