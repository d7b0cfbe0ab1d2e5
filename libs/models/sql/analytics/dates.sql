-- name:       dates
-- grain:      one row per calendar day, 2015-01-01 to 2035-12-31
-- keys:       date_key = yyyymmdd; calendar_date unique
-- depends-on: dim_date
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI joins dates to (orders.order_date_key = dates.date_key); a kept
-- contract like analytics.orders. ISO weeks and weekdays (Monday = 1).
-- Integers are bigint, as on every other view, so the contract has one integer type.

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
