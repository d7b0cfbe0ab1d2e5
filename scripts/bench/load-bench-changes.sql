-- name:       load_bench_changes
-- grain:      one fixed hour of changes to the sandbox orders DB
-- keys:       new orders take ids above the highest; new lines above the highest line id
-- depends-on: the sandbox's orders DB tables (libs/sandbox/sql/orders_db_schema.sql)
-- The same change set at every scale, so an hour's cost can be compared
-- across table sizes: 2,000 new orders of 2 lines each and 2,000 updates of
-- the most recent existing orders, all stamped inside [:hour_start, +1 hour).
create temporary table bench_recent as
select distinct on (order_id) *
from orders
where order_id is not null
order by order_id desc, updated_at desc
limit 2000;

create temporary table bench_new_orders as
select
  (select max(order_id) from orders) + n as order_id,
  customer_id,
  'paid' as status,
  currency,
  subtotal,
  tax,
  shipping,
  total,
  cast(:hour_start as timestamptz) + n * interval '1 second' as ordered_at
from (select row_number() over (order by order_id) as n, * from bench_recent) as templates;

insert into orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, created_at, updated_at)
select order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, ordered_at, ordered_at, ordered_at
from bench_new_orders;

insert into order_items (order_item_id, order_id, product_id, quantity, unit_price, discount, line_total, created_at, updated_at)
select
  (select max(order_item_id) from order_items) + row_number() over (order by new_orders.order_id, line.n),
  new_orders.order_id,
  (select min(product_id) from products) + line.n,
  1,
  10.00,
  0.00,
  10.00,
  new_orders.ordered_at,
  new_orders.ordered_at
from bench_new_orders as new_orders
cross join (values (0), (1)) as line(n);

update orders
set status = 'shipped',
  shipped_at = cast(:hour_start as timestamptz) + interval '30 minutes',
  updated_at = cast(:hour_start as timestamptz) + interval '30 minutes'
where order_id in (select order_id from bench_recent);

analyze orders;
analyze order_items
