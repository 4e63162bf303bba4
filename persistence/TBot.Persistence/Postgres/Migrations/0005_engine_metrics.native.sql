-- Engine-level 1-minute aggregates written by a running tbot (throughput per venue, rejections, stage latency
-- percentiles, ring backlog, projection lag, CPU, memory, GC), one row per metric and minute. `engine` is the
-- journal id of the run's journal, so several engines can share a database. Narrow rows like
-- performance_metrics: new metrics need no migration. A small table (about 60 rows a minute): BRIN on time
-- serves the range reads; old rows are the operator's to delete.
CREATE TABLE engine_metrics (
    time    timestamptz      NOT NULL,
    engine  text             NOT NULL,
    metric  text             NOT NULL,
    value   double precision NOT NULL,
    PRIMARY KEY (engine, metric, time)
);
CREATE INDEX engine_metrics_time_brin ON engine_metrics USING brin (time);
