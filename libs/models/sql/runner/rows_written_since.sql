-- name:       rows_written_since
-- grain:      one row
-- keys:       none
-- depends-on: the target of a staging or curated model
-- The rows a model's statements inserted or updated since :since: each
-- statement stamps the rows it writes with its run's clock in the layer's
-- lineage column (_staged_at, _merged_at), so this counts a run's output.
select count(*) as rows_written
from {{ table }}
where {{ stamp }} >= :since
