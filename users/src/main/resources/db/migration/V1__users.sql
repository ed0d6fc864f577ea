-- Users. The id is the userId every other service reads from the session JWT. An email is unique without
-- regard to case: email_key is its lower-cased form (EmailKey), email is kept as the user typed it.
create table users (
    id            uuid        primary key,
    email         text        not null,
    email_key     text        not null unique,
    password_hash text        not null,
    created_at    timestamptz not null default clock_timestamp()
);

-- Sign-in attempts per email_key, whether or not a user has that email (the throttle must not tell
-- which emails exist). Shared by every replica. An attempt is counted when it starts and the row is
-- deleted when it succeeds, so concurrent guesses cannot slip past the limit.
create table sign_in_attempts (
    email_key      text        primary key,
    failures       integer     not null default 0 check (failures >= 0),
    window_ends_at timestamptz,
    locked_until   timestamptz
);
