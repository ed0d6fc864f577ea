-- The payment that completed the order; null until it is complete.
alter table orders add column payment_id uuid;

-- Payments refused because their order was cancelled first: payment:rejected is written once per payment,
-- however often payment:created is delivered.
create table rejected_payments (
    payment_id  uuid        primary key,
    order_id    uuid        not null references orders (id),
    rejected_at timestamptz not null default now()
);
