-- name:       set_column_pii_tag
-- grain:      one column tagged with the kind of PII its contract names
-- keys:       table, column
-- depends-on: create_pii_tag
-- The tag value is a literal (DDL takes no binds); it is one of the
-- contracts' PII tags, which the tag's allowed values check again.
alter table {{ table }} modify column {{ column }} set tag {{ tag }} = {{ value }}
