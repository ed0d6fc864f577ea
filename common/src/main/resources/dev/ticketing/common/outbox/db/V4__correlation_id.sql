-- The correlation id of the work that wrote the event (null when there was none); the relay sends it as
-- the message's X-Correlation-Id header. A nullable column without a default: no table rewrite.
alter table outbox add column correlation_id text;
