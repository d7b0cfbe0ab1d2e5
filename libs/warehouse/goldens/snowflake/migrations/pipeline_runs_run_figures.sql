alter table ops.pipeline_runs add column if not exists rows_in bigint;

alter table ops.pipeline_runs add column if not exists rows_out bigint;

alter table ops.pipeline_runs add column if not exists bytes bigint;

alter table ops.pipeline_runs add column if not exists duration_seconds double;

alter table ops.pipeline_runs add column if not exists lag_minutes double;

alter table ops.pipeline_runs add column if not exists retries integer;

alter table ops.pipeline_runs add column if not exists note varchar;
