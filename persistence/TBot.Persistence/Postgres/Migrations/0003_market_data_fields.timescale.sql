-- market_data keeps every field a market event carries, not only the ones quotes and trades use: candles
-- (open/high/low, volume), tickers (24 h volume), the exchange's own time, and the event flags (book status
-- stale/live, first/last event of a venue message, provisional candle). All nullable (allowed on a hypertable
-- with compression enabled); one column per statement, the form TimescaleDB accepts on compressed hypertables.
-- No trades index here: the continuous aggregates compute the candles.
ALTER TABLE market_data ADD COLUMN exchange_time timestamptz;
ALTER TABLE market_data ADD COLUMN flags integer;
ALTER TABLE market_data ADD COLUMN open numeric;
ALTER TABLE market_data ADD COLUMN high numeric;
ALTER TABLE market_data ADD COLUMN low numeric;
ALTER TABLE market_data ADD COLUMN volume numeric;
