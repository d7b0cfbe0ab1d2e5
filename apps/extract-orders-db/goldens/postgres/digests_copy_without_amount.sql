copy (
  select
    (created_at at time zone 'UTC')::date as created_day,
    count(*) as row_count,
    null::numeric as amount_sum,
    md5(string_agg(coalesce(customer_id::text, '') || ':' || updated_at::text, ',' order by customer_id, updated_at)) as key_hash,
    null::bigint as state_sum
  from customers
  group by 1
  order by 1
) to stdout with (format csv);
