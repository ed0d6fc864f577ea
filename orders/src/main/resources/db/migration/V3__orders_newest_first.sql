-- "My orders" pages newest first by (created_at desc, id desc): the index holds that order per user
-- (scanned backwards), so a page after a cursor is read straight from it.
drop index orders_by_user;
create index orders_by_user on orders (user_id, created_at, id);
