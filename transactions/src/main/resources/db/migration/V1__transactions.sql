-- Per user: the last transaction number handed out and the balance it leaves. A request updates this
-- row first, so its row lock serializes the requests of one user (numbers 1, 2, 3, ... without
-- duplicates or holes, overdraft check without a race) while other users proceed in parallel.
create table user_counters (
    user_id     text          primary key,
    last_number bigint        not null check (last_number >= 1),
    -- No check here: the change is applied first and a negative result is rolled back by the service
    -- (insufficient funds), inside the same row lock.
    balance     numeric(14,2) not null
);

create table transactions (
    id         uuid          primary key,
    user_id    text          not null,
    type       text          not null check (type in ('deposit', 'withdrawal')),
    amount     numeric(12,2) not null check (amount > 0),
    number     bigint        not null check (number >= 1),
    created_at timestamptz   not null default now(),
    unique (user_id, number)
);
