-- The stream sequence the broker acknowledged for the row's publish. The broker syncs its disk lazily, so
-- after it may have lost its tail the relay checks that each recently sent row's sequence still holds
-- the row's message id, and publishes again what it does not (see OutboxRelay). Nullable, no default:
-- no table rewrite; rows sent before this column existed are never checked.
alter table outbox add column stream_seq bigint;
