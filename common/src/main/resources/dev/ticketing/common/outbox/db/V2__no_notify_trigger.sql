-- The relay is woken in-process after a commit and polls for other processes' rows. NOTIFY took a
-- cluster-wide lock at every commit that issued it, which serialized the owners' write transactions.
drop trigger outbox_inserted on outbox;
drop function outbox_notify();
