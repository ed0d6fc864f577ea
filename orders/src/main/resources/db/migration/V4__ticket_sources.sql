-- Who the replica follows for each ticket: 'tickets' (this system's tickets service, versions 0, 1, 2 applied
-- one after the other) or the name of a source outside the system (orders.replica.sources), whose
-- versions are its own (numbers with gaps, or instants as nanoseconds since the epoch, see
-- common's Version). A ticket follows one source: versions of two sources do not compare.
alter table tickets add column source text not null default 'tickets';
