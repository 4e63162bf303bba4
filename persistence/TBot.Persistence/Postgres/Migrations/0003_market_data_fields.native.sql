-- market_data keeps every field a market event carries, not only the ones quotes and trades use: candles
-- (open/high/low, volume), tickers (24 h volume), the exchange's own time, and the event flags (book status
-- stale/live, first/last event of a venue message, provisional candle). All nullable: a row fills the columns
-- its kind carries. ALTER on the partitioned parent reaches every partition, DEFAULT included.
ALTER TABLE market_data ADD COLUMN exchange_time timestamptz;
ALTER TABLE market_data ADD COLUMN flags integer;
ALTER TABLE market_data ADD COLUMN open numeric;
ALTER TABLE market_data ADD COLUMN high numeric;
ALTER TABLE market_data ADD COLUMN low numeric;
ALTER TABLE market_data ADD COLUMN volume numeric;

-- The engine recomputes candles_1m for every minute a projected batch touched; trades are a small share of
-- market data (book deltas dominate), so an index on the trades alone keeps that recompute proportional to the
-- minute's trades instead of all its events.
CREATE INDEX market_data_trades ON market_data (instrument_id, time) WHERE kind = 2;
