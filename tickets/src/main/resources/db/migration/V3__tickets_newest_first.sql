-- Lists page newest first by (created_at desc, id desc): the index holds that order (scanned backwards)
-- for the available tickets, so a page after a cursor is read straight from it.
drop index tickets_available;
create index tickets_available on tickets (created_at, id) where order_id is null;
