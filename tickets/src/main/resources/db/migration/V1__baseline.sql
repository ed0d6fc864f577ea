-- Tables come with the tickets service (issue 3).
select 1;
