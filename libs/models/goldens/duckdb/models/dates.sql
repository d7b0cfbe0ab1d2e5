create or replace view analytics.dates as
select
  cast(date_key as bigint) as date_key,
  date_day as calendar_date,
  cast(year as bigint) as calendar_year,
  cast(quarter as bigint) as calendar_quarter,
  cast(month as bigint) as calendar_month,
  cast(day_of_month as bigint) as day_of_month,
  cast(iso_week as bigint) as iso_week,
  cast(iso_weekday as bigint) as iso_weekday,
  weekday_name,
  is_weekend
from curated.dim_date;

comment on view analytics.dates is 'One row per calendar day: the calendar BI joins order dates to.';
