-- name:       drop_model_table
-- grain:      none (DDL)
-- keys:       none
-- depends-on: the model's target table
drop table if exists {{ table }}
