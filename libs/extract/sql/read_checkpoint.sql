-- name:       read_checkpoint
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: ops.source_cursors
select checkpoint
from ops.source_cursors
where source = :source
  and entity = :entity
