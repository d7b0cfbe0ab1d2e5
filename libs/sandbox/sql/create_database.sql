-- name:       sandbox_create_database
-- grain:      DDL
-- keys:       none
-- depends-on: none
create database {{ database }}
