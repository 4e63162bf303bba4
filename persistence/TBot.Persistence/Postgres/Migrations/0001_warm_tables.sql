-- Warm tables: the current state of strategies, bot instances, orders, trades and positions, projected from
-- the journal. Every projected row carries the journal position of the decision it reflects, so re-applying
-- an older range of the journal can never move a row back in time (upserts compare positions).

CREATE TABLE strategies (
    strategy_id  integer     PRIMARY KEY CHECK (strategy_id > 0),
    name         text        NOT NULL UNIQUE CHECK (name <> ''),
    parameters   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bot_instances (
    bot_id       integer     PRIMARY KEY CHECK (bot_id > 0),
    strategy_id  integer     REFERENCES strategies (strategy_id),
    journal_id   text        CHECK (journal_id ~ '^[a-z0-9]{8}$'),
    status       text        NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'PAUSED', 'KILLED', 'STOPPED')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    -- The engine's 64-bit id (bot in the high bits); client_order_text is what the venue saw.
    client_order_id   bigint      PRIMARY KEY,
    client_order_text text        NOT NULL,
    bot_id            integer     NOT NULL REFERENCES bot_instances (bot_id),
    instrument_id     integer     NOT NULL CHECK (instrument_id > 0),
    venue             text        NOT NULL,
    symbol            text        NOT NULL,
    side              text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    type              text        NOT NULL CHECK (type IN ('MARKET', 'LIMIT')),
    -- NULL for market orders: they have no limit price.
    price             numeric,
    quantity          numeric     NOT NULL CHECK (quantity > 0),
    filled_quantity   numeric     NOT NULL DEFAULT 0 CHECK (filled_quantity >= 0),
    status            text        NOT NULL CHECK (status IN ('NEW', 'SUBMITTED', 'ACCEPTED', 'PARTIALLY_FILLED',
                                                             'FILLED', 'CANCELLED', 'REJECTED', 'EXPIRED')),
    venue_order_id    bigint,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    journal_position  bigint      NOT NULL CHECK (journal_position > 0),
    -- CASE + coalesce: a plain OR would let a NULL price through (a CHECK only fails on false, not on NULL).
    CONSTRAINT orders_price_by_type CHECK (CASE WHEN type = 'MARKET' THEN price IS NULL ELSE coalesce(price > 0, false) END),
    CONSTRAINT orders_not_overfilled CHECK (filled_quantity <= quantity)
);
CREATE INDEX orders_bot_status ON orders (bot_id, status);

CREATE TABLE trades (
    client_order_id  bigint      NOT NULL REFERENCES orders (client_order_id),
    trade_id         bigint      NOT NULL,
    bot_id           integer     NOT NULL REFERENCES bot_instances (bot_id),
    instrument_id    integer     NOT NULL CHECK (instrument_id > 0),
    venue            text        NOT NULL,
    symbol           text        NOT NULL,
    side             text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
    price            numeric     NOT NULL CHECK (price > 0),
    quantity         numeric     NOT NULL CHECK (quantity > 0),
    fee              numeric     NOT NULL,
    is_maker         boolean     NOT NULL,
    traded_at        timestamptz NOT NULL,
    journal_position bigint      NOT NULL CHECK (journal_position > 0),
    PRIMARY KEY (client_order_id, trade_id)
);
CREATE INDEX trades_bot_time ON trades (bot_id, traded_at);

CREATE TABLE positions (
    bot_id           integer     NOT NULL REFERENCES bot_instances (bot_id),
    instrument_id    integer     NOT NULL CHECK (instrument_id > 0),
    venue            text        NOT NULL,
    symbol           text        NOT NULL,
    -- Signed: negative is short.
    quantity         numeric     NOT NULL,
    realized_pnl     numeric     NOT NULL,
    updated_at       timestamptz NOT NULL,
    journal_position bigint      NOT NULL CHECK (journal_position > 0),
    PRIMARY KEY (bot_id, instrument_id)
);

-- One row per projection (warm tables, history, ...): the last journal position it applied, committed in the
-- same transaction as the rows it wrote.
CREATE TABLE projection_checkpoints (
    projection  text        PRIMARY KEY,
    position    bigint      NOT NULL CHECK (position >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
