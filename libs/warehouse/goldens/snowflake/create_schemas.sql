create schema if not exists raw;

create schema if not exists staging;

create schema if not exists curated;

create schema if not exists analytics;

create schema if not exists ops;
