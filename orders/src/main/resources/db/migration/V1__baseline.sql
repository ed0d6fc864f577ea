-- Tables come with the orders service (issue 4).
select 1;
