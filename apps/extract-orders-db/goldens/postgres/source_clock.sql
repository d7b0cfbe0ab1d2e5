select date_trunc('milliseconds', statement_timestamp()) as source_clock;
