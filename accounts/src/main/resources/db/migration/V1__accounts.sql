-- The accounts replica: each user's balance after the last transaction applied. Transaction n is applied
-- only on top of n-1, so the balance passes through the same states as the transactions service's.
-- No check on the balance: the transactions service owns the overdraft rule, a replica only follows.
create table accounts (
    user_id                 text          primary key,
    balance                 numeric(14,2) not null default 0,
    last_transaction_number bigint        not null default 0 check (last_transaction_number >= 0),
    updated_at              timestamptz   not null default clock_timestamp()
);
