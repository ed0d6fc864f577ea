-- Tables come with the accounts service (issue 6).
select 1;
