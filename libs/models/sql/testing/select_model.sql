-- name:       select_model
-- grain:      the model's grain
-- keys:       none
-- depends-on: the model's table or view
-- Reads a model whole: for a view, the query its readers run.
select * from {{ target }}
