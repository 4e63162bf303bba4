-- Engine-level 1-minute aggregates written by a running tbot (see the native variant): a hypertable with
-- daily chunks, compressed after 7 days like the other history tables.
CREATE TABLE engine_metrics (
    time    timestamptz      NOT NULL,
    engine  text             NOT NULL,
    metric  text             NOT NULL,
    value   double precision NOT NULL,
    PRIMARY KEY (engine, metric, time)
);
SELECT create_hypertable('engine_metrics', by_range('time', INTERVAL '1 day'));
ALTER TABLE engine_metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'engine',
                                timescaledb.compress_orderby = 'time DESC, metric');
SELECT add_compression_policy('engine_metrics', INTERVAL '7 days');
