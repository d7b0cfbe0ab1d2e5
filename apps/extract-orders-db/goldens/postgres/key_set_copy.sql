copy (
  select
    order_id,
    updated_at,
    (created_at at time zone 'UTC')::date
  from orders
) to stdout with (format csv);
