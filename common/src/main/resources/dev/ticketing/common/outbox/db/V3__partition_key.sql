-- The key that picks the event's partition (see Partitions): one record's events stay in order.
alter table outbox add column partition_key text not null default '';
