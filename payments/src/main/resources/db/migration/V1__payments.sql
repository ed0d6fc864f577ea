-- The replica of the orders service's orders, at the owner's version: what a payment is checked against.
create table orders (
    id         uuid          primary key,
    user_id    text          not null,
    status     text          not null,
    expires_at timestamptz   not null,
    price      numeric(12,2) not null,
    version    bigint        not null
);

-- One payment per order: the unique order_id makes a second one impossible, whatever the races.
create table payments (
    id         uuid          primary key,
    order_id   uuid          not null unique references orders (id),
    user_id    text          not null,
    charge_id  text          not null,
    amount     numeric(12,2) not null,
    currency   text          not null,
    status     text          not null,
    refund_id  text,
    version    bigint        not null default 0,
    created_at timestamptz   not null default now()
);

-- How many charge attempts of an order were declined. A gateway answers a declined idempotency key with
-- the same decline forever, so the attempt after a decline needs the next key (order-<id>-<n>).
create table charge_attempts (
    order_id uuid   primary key,
    declined bigint not null
);

-- The local gateway's own books: it stands in for an external service, so its rows commit in their own
-- transactions, never in the payment's, and survive a crash between the charge and the payment.
create table local_gateway_charge (
    id              text          primary key,
    idempotency_key text          not null unique,
    amount          numeric(12,2) not null,
    currency        text          not null,
    token           text          not null,
    decline_message text,
    created_at      timestamptz   not null default now()
);

create table local_gateway_refund (
    id              text        primary key,
    idempotency_key text        not null unique,
    charge_id       text        not null references local_gateway_charge (id),
    created_at      timestamptz not null default now()
);
