-- The instrument registry: a database-stable instrument_id per (venue, symbol). Journals number their instruments
-- locally (registration order; every catalog day journal uses id 1), so the projections map a journal's ids to
-- these before writing any instrument_id (market_data, candles, orders, trades, positions, order/trade history).
-- Same file for both paths: a plain table, and UPDATEs that work on hypertables too.
CREATE TABLE instruments (
    instrument_id  integer     PRIMARY KEY CHECK (instrument_id > 0),
    venue          text        NOT NULL CHECK (venue <> ''),
    symbol         text        NOT NULL CHECK (symbol <> ''),
    -- The scales of the first journal that registered it (NULL when backfilled from rows that did not show one).
    price_scale    smallint    CHECK (price_scale BETWEEN 0 AND 28),
    quantity_scale smallint    CHECK (quantity_scale BETWEEN 0 AND 28),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT instruments_venue_symbol UNIQUE (venue, symbol)
);

-- The id of (venue, symbol), registering it on first sight. A new instrument keeps the id its journal gave it
-- (p_preferred) when no other instrument has it, else takes max + 1: on a fresh database, registering a journal's
-- instruments in id order keeps database ids equal to engine ids, and rows written before this migration (which
-- carry engine ids) keep pointing at the instrument that first held the id. Serialised by an advisory lock, so two
-- engines registering at once cannot pick the same id.
CREATE FUNCTION tbot_register_instrument(p_venue text, p_symbol text, p_preferred integer,
                                         p_price_scale integer, p_quantity_scale integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    id integer;
BEGIN
    SELECT i.instrument_id INTO id FROM instruments i WHERE i.venue = p_venue AND i.symbol = p_symbol;
    IF FOUND THEN RETURN id; END IF;
    PERFORM pg_advisory_xact_lock(hashtext('tbot_instruments'));
    SELECT i.instrument_id INTO id FROM instruments i WHERE i.venue = p_venue AND i.symbol = p_symbol;
    IF FOUND THEN RETURN id; END IF;
    IF p_preferred > 0 AND NOT EXISTS (SELECT 1 FROM instruments i WHERE i.instrument_id = p_preferred) THEN
        id := p_preferred;
    ELSE
        SELECT coalesce(max(i.instrument_id), 0) + 1 INTO id FROM instruments i;
    END IF;
    INSERT INTO instruments (instrument_id, venue, symbol, price_scale, quantity_scale)
    VALUES (id, p_venue, p_symbol, p_price_scale, p_quantity_scale);
    RETURN id;
END $$;

-- Backfill from the rows that name their instrument (orders, trades, positions): each (venue, symbol) in order of
-- the smallest id it was stored under, preferring that id. Scales are read back from the stored numerics (written
-- at the instrument's scale).
DO $$
DECLARE
    seen record;
BEGIN
    FOR seen IN
        SELECT s.venue, s.symbol, min(s.instrument_id) AS first_id, max(s.price_scale) AS price_scale, max(s.quantity_scale) AS quantity_scale
        FROM (SELECT venue, symbol, instrument_id, scale(price) AS price_scale, scale(quantity) AS quantity_scale FROM orders
              UNION ALL SELECT venue, symbol, instrument_id, scale(price), scale(quantity) FROM trades
              UNION ALL SELECT venue, symbol, instrument_id, NULL, scale(quantity) FROM positions) AS s
        GROUP BY s.venue, s.symbol
        ORDER BY min(s.instrument_id), s.venue, s.symbol
    LOOP
        PERFORM tbot_register_instrument(seen.venue, seen.symbol, seen.first_id, seen.price_scale, seen.quantity_scale);
    END LOOP;
END $$;

-- Rows of an instrument stored under an id the registry gave to another one (two runs registered instruments in a
-- different order) move to the instrument's registry id. positions is keyed by (bot, instrument): where one bot
-- has the same instrument under two ids, the row updated last is kept.
UPDATE orders o SET instrument_id = i.instrument_id
FROM instruments i WHERE i.venue = o.venue AND i.symbol = o.symbol AND o.instrument_id <> i.instrument_id;
UPDATE trades t SET instrument_id = i.instrument_id
FROM instruments i WHERE i.venue = t.venue AND i.symbol = t.symbol AND t.instrument_id <> i.instrument_id;
DELETE FROM positions p USING positions q
WHERE p.bot_id = q.bot_id AND p.venue = q.venue AND p.symbol = q.symbol AND p.instrument_id <> q.instrument_id
  AND (p.updated_at, p.journal_position, p.instrument_id) < (q.updated_at, q.journal_position, q.instrument_id);
-- Moved out and back rather than UPDATEd in place: two instruments swapping ids for one bot would otherwise hit the
-- primary key half way through the statement.
CREATE TEMP TABLE tbot_moved_positions (LIKE positions) ON COMMIT DROP;
WITH moved AS (
    DELETE FROM positions p USING instruments i
    WHERE i.venue = p.venue AND i.symbol = p.symbol AND p.instrument_id <> i.instrument_id
    RETURNING p.bot_id, i.instrument_id, p.venue, p.symbol, p.quantity, p.realized_pnl, p.updated_at, p.journal_position)
INSERT INTO tbot_moved_positions (bot_id, instrument_id, venue, symbol, quantity, realized_pnl, updated_at, journal_position)
SELECT * FROM moved;
INSERT INTO positions SELECT * FROM tbot_moved_positions;
-- The history tables name no venue/symbol: their order's row tells the instrument.
UPDATE order_history h SET instrument_id = o.instrument_id
FROM orders o WHERE o.client_order_id = h.client_order_id AND h.instrument_id <> o.instrument_id;
UPDATE trade_history h SET instrument_id = o.instrument_id
FROM orders o WHERE o.client_order_id = h.client_order_id AND h.instrument_id <> o.instrument_id;
