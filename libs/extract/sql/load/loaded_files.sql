-- name:       loaded_files
-- grain:      one row per loaded file of an entity
-- keys:       source_file
-- depends-on: ops.file_loads
select source_file
from ops.file_loads
where source = :source
  and entity = :entity
