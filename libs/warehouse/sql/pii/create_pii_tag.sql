-- name:       create_pii_tag
-- grain:      one tag, ops.pii: the kind of personal data a column holds
-- keys:       tag name
-- depends-on: schema ops
-- Snowflake only. The allowed values are the contracts' PII tags, rendered as
-- literals (DDL takes no binds). CREATE OR ALTER keeps them in step with the
-- contracts: a new kind of PII in a contract is allowed on the next run.
create or alter tag {{ tag }}
  allowed_values {{ allowed_values }}
  comment = 'Personal data (from the contracts); masked for roles without PII_READER'
