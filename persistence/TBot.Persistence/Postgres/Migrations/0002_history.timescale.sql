-- History tables with TimescaleDB: hypertables (1-day chunks), compression segmented by instrument (or bot /
-- order) and ordered by time, compression and retention policies, and continuous aggregates for 1-minute
-- and 1-hour candles. Same table and column names as the native path.

CREATE TABLE market_data (
    time             timestamptz NOT NULL,
    instrument_id    integer     NOT NULL,
    kind             smallint    NOT NULL,
    side             text        CHECK (side IN ('BUY', 'SELL')),
    price            numeric,
    quantity         numeric,
    bid              numeric,
    bid_size         numeric,
    ask              numeric,
    ask_size         numeric,
    trade_id         bigint,
    journal_position bigint      NOT NULL,
    PRIMARY KEY (instrument_id, time, journal_position)
);

CREATE TABLE order_history (
    time             timestamptz NOT NULL,
    client_order_id  bigint      NOT NULL,
    bot_id           integer     NOT NULL,
    instrument_id    integer     NOT NULL,
    event            text        NOT NULL,
    from_status      text,
    to_status        text,
    price            numeric,
    quantity         numeric,
    filled_quantity  numeric,
    journal_position bigint      NOT NULL,
    PRIMARY KEY (client_order_id, time, journal_position)
);

CREATE TABLE trade_history (
    time             timestamptz NOT NULL,
    client_order_id  bigint      NOT NULL,
    trade_id         bigint      NOT NULL,
    bot_id           integer     NOT NULL,
    instrument_id    integer     NOT NULL,
    side             text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    price            numeric     NOT NULL CHECK (price > 0),
    quantity         numeric     NOT NULL CHECK (quantity > 0),
    fee              numeric     NOT NULL,
    journal_position bigint      NOT NULL,
    PRIMARY KEY (client_order_id, trade_id, time)
);

CREATE TABLE performance_metrics (
    time             timestamptz NOT NULL,
    bot_id           integer     NOT NULL,
    metric           text        NOT NULL,
    value            numeric     NOT NULL,
    PRIMARY KEY (bot_id, metric, time)
);

SELECT create_hypertable('market_data',         by_range('time', INTERVAL '1 day'));
SELECT create_hypertable('order_history',       by_range('time', INTERVAL '1 day'));
SELECT create_hypertable('trade_history',       by_range('time', INTERVAL '1 day'));
SELECT create_hypertable('performance_metrics', by_range('time', INTERVAL '1 day'));

ALTER TABLE market_data SET (timescaledb.compress, timescaledb.compress_segmentby = 'instrument_id',
                             timescaledb.compress_orderby = 'time DESC, journal_position DESC');
ALTER TABLE order_history SET (timescaledb.compress, timescaledb.compress_segmentby = 'instrument_id',
                               timescaledb.compress_orderby = 'time DESC, client_order_id, journal_position DESC');
ALTER TABLE trade_history SET (timescaledb.compress, timescaledb.compress_segmentby = 'instrument_id',
                               timescaledb.compress_orderby = 'time DESC, client_order_id, trade_id');
ALTER TABLE performance_metrics SET (timescaledb.compress, timescaledb.compress_segmentby = 'bot_id',
                                     timescaledb.compress_orderby = 'time DESC, metric');

-- Defaults; operators change them with alter_job / remove_*_policy + add_*_policy.
SELECT add_compression_policy(t, INTERVAL '7 days')
FROM unnest(ARRAY['market_data', 'order_history', 'trade_history', 'performance_metrics']::regclass[]) AS t;
SELECT add_retention_policy('market_data', INTERVAL '90 days');

-- WITH NO DATA: a continuous aggregate cannot be materialised inside the migration's transaction; the refresh
-- policies (or refresh_continuous_aggregate) fill them.
CREATE MATERIALIZED VIEW candles_1m WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 minute', time) AS bucket,
       instrument_id,
       first(price, time) AS open,
       max(price)         AS high,
       min(price)         AS low,
       last(price, time)  AS close,
       sum(quantity)      AS volume,
       count(*)           AS trades
FROM market_data
WHERE kind = 2
GROUP BY time_bucket(INTERVAL '1 minute', time), instrument_id
WITH NO DATA;

CREATE MATERIALIZED VIEW candles_1h WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       instrument_id,
       first(price, time) AS open,
       max(price)         AS high,
       min(price)         AS low,
       last(price, time)  AS close,
       sum(quantity)      AS volume,
       count(*)           AS trades
FROM market_data
WHERE kind = 2
GROUP BY time_bucket(INTERVAL '1 hour', time), instrument_id
WITH NO DATA;

SELECT add_continuous_aggregate_policy('candles_1m', start_offset => INTERVAL '1 hour', end_offset => INTERVAL '1 minute',
                                       schedule_interval => INTERVAL '1 minute');
SELECT add_continuous_aggregate_policy('candles_1h', start_offset => INTERVAL '1 day', end_offset => INTERVAL '1 hour',
                                       schedule_interval => INTERVAL '1 hour');
