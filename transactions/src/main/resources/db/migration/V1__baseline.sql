-- Tables come with the transactions service (issue 6).
select 1;
