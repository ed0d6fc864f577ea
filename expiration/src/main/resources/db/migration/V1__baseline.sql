-- Tables come with the expiration service (issue 4).
select 1;
