-- name:       read_model_state
-- grain:      one row per model
-- keys:       model
-- depends-on: ops.model_state
select processed_through
from ops.model_state
where model = :model
