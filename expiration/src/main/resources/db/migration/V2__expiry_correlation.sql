-- The correlation id of the order:created that scheduled the expiry, so that expiration:complete, fired
-- later by the scheduler, carries the id of the change that started it. Null for rows scheduled before.
alter table expirations add column correlation_id text;
