alter table raw.orders_db__customers modify column email set tag ops.pii = 'email';
