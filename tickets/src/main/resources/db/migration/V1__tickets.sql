create table tickets (
    id         uuid          primary key,
    title      text          not null,
    price      numeric(12,2) not null check (price > 0),
    user_id    text          not null,
    order_id   text,
    version    bigint        not null default 0,
    created_at timestamptz   not null default now()
);

create index tickets_available on tickets (created_at) where order_id is null;

-- Orders seen cancelled. A cancel that arrives before its create is remembered here, so the late
-- create does not reserve the ticket for an order that no longer exists.
create table cancelled_orders (
    order_id     text        primary key,
    ticket_id    uuid        not null,
    cancelled_at timestamptz not null default now()
);
