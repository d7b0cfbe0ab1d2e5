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
  from (select dateadd(day, row_number() over (order by seq4()) - 1, to_date('2015-01-01')) as date_day from table(generator(rowcount => 7670))) as spine
),

parts as (
  select
    date_day,
    cast(year(date_day) as integer) as year,
    cast(quarter(date_day) as integer) as quarter,
    cast(month(date_day) as integer) as month,
    cast(day(date_day) as integer) as day_of_month,
    cast(weekiso(date_day) as integer) as iso_week,
    cast(dayofweekiso(date_day) as integer) as iso_weekday
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
