-- When the current version was written (database clock), so replication lag can be measured against
-- the replica's own applied time on the same cluster.
alter table tickets add column updated_at timestamptz not null default clock_timestamp();
