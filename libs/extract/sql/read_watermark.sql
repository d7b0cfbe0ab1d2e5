-- name:       read_watermark
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: ops.watermarks
select watermark
from ops.watermarks
where source = :source
  and entity = :entity
