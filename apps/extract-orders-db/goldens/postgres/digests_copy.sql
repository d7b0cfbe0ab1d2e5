copy (
  select
    (created_at at time zone 'UTC')::date as created_day,
    count(*) as row_count,
    sum(total) as amount_sum,
    md5(string_agg(coalesce(order_id::text, '') || ':' || updated_at::text, ',' order by order_id, updated_at)) as key_hash,
    sum(('x' || substr(md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~') || coalesce(cast(length(cast(lower(status) as varchar)) as varchar) || ':' || cast(lower(status) as varchar), '~')), 1, 8))::bit(32)::bigint) as state_sum
  from orders
  group by 1
  order by 1
) to stdout with (format csv);
