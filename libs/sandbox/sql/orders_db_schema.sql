-- name:       orders_db_schema
-- grain:      the four tables of the Northstar orders DB (the sandbox's source system)
-- keys:       customers.customer_id, products.product_id, order_items.order_item_id; orders has none (legacy)
-- depends-on: none
-- Plain PostgreSQL, executed as is: drops and recreates the tables. Every
-- table has an index on updated_at because the extractor reads by it.
drop table if exists order_items;
drop table if exists orders;
drop table if exists products;
drop table if exists customers;

create table customers (
  customer_id bigint primary key,
  email text not null,
  first_name text not null,
  last_name text not null,
  phone text,
  country char(2) not null,
  created_at timestamptz(6) not null,
  updated_at timestamptz(6) not null
);
create index customers_updated_at_idx on customers (updated_at);

create table products (
  product_id bigint primary key,
  sku text not null,
  name text not null,
  category text not null,
  unit_price numeric(12, 2) not null,
  currency char(3) not null,
  is_active boolean not null,
  created_at timestamptz(6) not null,
  updated_at timestamptz(6) not null
);
create index products_updated_at_idx on products (updated_at);

-- The legacy table: no primary key and no NOT NULL, which is how null
-- business keys and duplicate rows reach the pipeline.
create table orders (
  order_id bigint,
  customer_id bigint,
  status text,
  currency char(3),
  subtotal numeric(14, 2),
  tax numeric(14, 2),
  shipping numeric(14, 2),
  total numeric(14, 2),
  ordered_at timestamptz(6),
  paid_at timestamptz(6),
  shipped_at timestamptz(6),
  delivered_at timestamptz(6),
  cancelled_at timestamptz(6),
  created_at timestamptz(6),
  updated_at timestamptz(6)
);
create index orders_order_id_idx on orders (order_id);
create index orders_updated_at_idx on orders (updated_at);

create table order_items (
  order_item_id bigint primary key,
  order_id bigint not null,
  product_id bigint not null,
  quantity integer not null,
  unit_price numeric(12, 2) not null,
  discount numeric(12, 2) not null,
  line_total numeric(14, 2) not null,
  created_at timestamptz(6) not null,
  updated_at timestamptz(6) not null
);
create index order_items_order_id_idx on order_items (order_id);
create index order_items_updated_at_idx on order_items (updated_at);
