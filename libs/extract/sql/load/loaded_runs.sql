-- name:       loaded_runs
-- grain:      one row per loaded manifest of an entity
-- keys:       manifest_key
-- depends-on: ops.run_loads
select manifest_key
from ops.run_loads
where source = :source
  and entity = :entity
