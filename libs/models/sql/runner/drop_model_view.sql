-- name:       drop_model_view
-- grain:      none (DDL)
-- keys:       none
-- depends-on: the model's target view
drop view if exists {{ table }}
