-- name:       orders_db_bench_table
-- grain:      one row per synthetic order
-- keys:       order_id
-- depends-on: none
-- A wide-enough orders table for throughput figures, generated in the
-- server so seeding millions of rows takes seconds, not minutes.
drop table if exists orders;
create table orders (
  order_id bigint, customer_id bigint, status text, currency char(3),
  subtotal numeric(14, 2), tax numeric(14, 2), shipping numeric(14, 2), total numeric(14, 2),
  ordered_at timestamptz(6), paid_at timestamptz(6), shipped_at timestamptz(6), delivered_at timestamptz(6), cancelled_at timestamptz(6),
  created_at timestamptz(6), updated_at timestamptz(6)
);
insert into orders
select
  g,
  g % 15000,
  (array['pending', 'paid', 'shipped', 'delivered', 'cancelled'])[1 + g % 5],
  (array['EUR', 'USD', 'GBP', 'JPY'])[1 + g % 4],
  round((g % 9973) * 1.37, 2),
  round((g % 9973) * 0.27, 2),
  round((g % 7) * 2.5, 2),
  round((g % 9973) * 1.64 + (g % 7) * 2.5, 2),
  timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' + (g % 997) * interval '1 microsecond',
  timestamptz '2026-01-01 00:05:00+00' + g * interval '1 second',
  null,
  null,
  null,
  timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
  timestamptz '2026-01-01 00:10:00+00' + g * interval '1 second' + (g % 991) * interval '1 microsecond'
from generate_series(1, cast(:rows as bigint)) as g;
create index on orders (updated_at);
-- Vacuumed now, so the autovacuum that millions of fresh rows trigger does
-- not run beside the measured cases, and checkpointed, so the checkpointer
-- is not writing them out meanwhile either.
vacuum (freeze, analyze) orders;
checkpoint
