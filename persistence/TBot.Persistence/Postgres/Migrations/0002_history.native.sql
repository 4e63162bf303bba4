-- History tables without TimescaleDB: native range partitions by day on the time column, BRIN on time (rows
-- arrive in time order, so block ranges stay tight), and plain rollup tables named like the continuous
-- aggregates of the TimescaleDB path so the same queries work on both.

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
) PARTITION BY RANGE (time);

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
) PARTITION BY RANGE (time);

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
) PARTITION BY RANGE (time);

CREATE TABLE performance_metrics (
    time             timestamptz NOT NULL,
    bot_id           integer     NOT NULL,
    metric           text        NOT NULL,
    value            numeric     NOT NULL,
    PRIMARY KEY (bot_id, metric, time)
) PARTITION BY RANGE (time);

-- Rows outside every daily partition land here instead of failing the projection; tbot_ensure_day_partitions
-- is called ahead of time so this normally stays empty.
CREATE TABLE market_data_default         PARTITION OF market_data         DEFAULT;
CREATE TABLE order_history_default       PARTITION OF order_history       DEFAULT;
CREATE TABLE trade_history_default       PARTITION OF trade_history       DEFAULT;
CREATE TABLE performance_metrics_default PARTITION OF performance_metrics DEFAULT;

CREATE INDEX market_data_time_brin         ON market_data         USING brin (time);
CREATE INDEX order_history_time_brin       ON order_history       USING brin (time);
CREATE INDEX trade_history_time_brin       ON trade_history       USING brin (time);
CREATE INDEX performance_metrics_time_brin ON performance_metrics USING brin (time);

-- Creates the missing daily partitions of a history table for [first_day, last_day]. Idempotent.
CREATE FUNCTION tbot_ensure_day_partitions(parent regclass, first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    day     date := first_day;
    name    text;
    created integer := 0;
BEGIN
    WHILE day <= last_day LOOP
        name := format('%s_%s', parent::text, to_char(day, 'YYYYMMDD'));
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                           name, parent::text, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
            created := created + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END $$;

SELECT tbot_ensure_day_partitions(t, (now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + 7)
FROM unnest(ARRAY['market_data', 'order_history', 'trade_history', 'performance_metrics']::regclass[]) AS t;

-- Engine-maintained rollups of trades in market_data (kind 2), same columns as the TimescaleDB aggregates.
CREATE TABLE candles_1m (
    bucket        timestamptz NOT NULL,
    instrument_id integer     NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        numeric     NOT NULL,
    trades        bigint      NOT NULL,
    PRIMARY KEY (instrument_id, bucket)
);
CREATE TABLE candles_1h (LIKE candles_1m INCLUDING ALL);
