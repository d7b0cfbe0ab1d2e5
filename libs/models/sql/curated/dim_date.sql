-- name:       dim_date
-- grain:      one row per calendar day, 2015-01-01 to 2035-12-31
-- keys:       date_key = yyyymmdd (integer); date_day unique
-- depends-on: none
-- tracks:     none (a static model: one create-table-as builds it whole, once)

-- Generated, not sourced: extend the range by changing both dates here and
-- dropping the table. ISO weeks and weekdays (Monday = 1); weekend = Saturday, Sunday.
-- Built by one statement, not a create and an insert: every source's load
-- runs it, at once on Batch, and two inserts into an empty table would each
-- have written the calendar (creating a table is atomic on both engines).

create table if not exists curated.dim_date as
select
  cast(date_key as integer) as date_key,
  cast(date_day as date) as date_day,
  cast(year as integer) as year,
  cast(quarter as integer) as quarter,
  cast(month as integer) as month,
  cast(day_of_month as integer) as day_of_month,
  cast(iso_week as integer) as iso_week,
  cast(iso_weekday as integer) as iso_weekday,
  cast(weekday_name as varchar) as weekday_name,
  cast(is_weekend as boolean) as is_weekend
from (
with days as (
  select date_day
  from {{ date_spine('2015-01-01', '2035-12-31') }} as spine
),

parts as (
  select
    date_day,
    cast(year(date_day) as integer) as year,
    cast(quarter(date_day) as integer) as quarter,
    cast(month(date_day) as integer) as month,
    cast(day(date_day) as integer) as day_of_month,
    cast({{ iso_week(date_day) }} as integer) as iso_week,
    cast({{ iso_weekday(date_day) }} as integer) as iso_weekday
  from days
),

final as (
  select
    year * 10000 + month * 100 + day_of_month as date_key,
    date_day,
    year,
    quarter,
    month,
    day_of_month,
    iso_week,
    iso_weekday,
    case iso_weekday
      when 1 then 'Monday'
      when 2 then 'Tuesday'
      when 3 then 'Wednesday'
      when 4 then 'Thursday'
      when 5 then 'Friday'
      when 6 then 'Saturday'
      else 'Sunday'
    end as weekday_name,
    iso_weekday >= 6 as is_weekend
  from parts
)

select * from final
) as calendar;
