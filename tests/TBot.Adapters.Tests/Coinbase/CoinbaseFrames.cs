namespace TBot.Adapters.Tests.Coinbase;

/// <summary>The verbatim JSON examples of shared/exchange-formats/coinbase.md (sections A and B).</summary>
internal static class CoinbaseFrames
{
    // ---- A. Advanced Trade ----

    // Client → server messages (never received; parsed only to prove they cannot pass for market data).
    public const string AtSubscribeLevel2 = """
        {
          "type": "subscribe",
          "product_ids": ["ETH-USD", "BTC-USD"],
          "channel": "level2",
          "jwt": "XYZ"
        }
        """;

    public const string AtSubscribeHeartbeats = """{"type":"subscribe","channel":"heartbeats"}""";

    public const string AtUnsubscribeTicker = """{"type":"unsubscribe","product_ids":["ETH-USD"],"channel":"ticker"}""";

    public const string AtSubscriptionsHeartbeats =
        """{"channel":"subscriptions","timestamp":"2022-01-25T20:52:59.353824785Z","sequence_num":0,"events":[{"subscriptions":{"heartbeats":["heartbeats"]}}]}""";

    public const string AtSubscriptionsLevel2 =
        """{"channel":"subscriptions","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":2,"events":[{"subscriptions":{"level2":["BTC-USD","ETH-USD"]}}]}""";

    public const string AtL2Snapshot = """
        {
          "channel": "l2_data",
          "client_id": "",
          "timestamp": "2026-04-07T14:30:00.123456Z",
          "sequence_num": 0,
          "events": [
            {
              "type": "snapshot",
              "product_id": "BTC-USD",
              "updates": [
                {
                  "side": "bid",
                  "event_time": "2026-04-07T14:30:00.123456Z",
                  "price_level": "68900.00",
                  "new_quantity": "1.50000000"
                },
                {
                  "side": "bid",
                  "event_time": "2026-04-07T14:30:00.123456Z",
                  "price_level": "68899.50",
                  "new_quantity": "0.75000000"
                },
                {
                  "side": "bid",
                  "event_time": "2026-04-07T14:30:00.123456Z",
                  "price_level": "68899.00",
                  "new_quantity": "2.30000000"
                },
                {
                  "side": "offer",
                  "event_time": "2026-04-07T14:30:00.123456Z",
                  "price_level": "68901.00",
                  "new_quantity": "0.50000000"
                },
                {
                  "side": "offer",
                  "event_time": "2026-04-07T14:30:00.123456Z",
                  "price_level": "68901.50",
                  "new_quantity": "1.20000000"
                },
                {
                  "side": "offer",
                  "event_time": "2026-04-07T14:30:00.123456Z",
                  "price_level": "68902.00",
                  "new_quantity": "0.80000000"
                }
              ]
            }
          ]
        }
        """;

    public const string AtL2Update = """
        {
          "channel": "l2_data",
          "client_id": "",
          "timestamp": "2026-04-07T14:30:01.456789Z",
          "sequence_num": 1,
          "events": [
            {
              "type": "update",
              "product_id": "BTC-USD",
              "updates": [
                {
                  "side": "bid",
                  "event_time": "2026-04-07T14:30:01.456789Z",
                  "price_level": "68900.00",
                  "new_quantity": "2.00000000"
                },
                {
                  "side": "offer",
                  "event_time": "2026-04-07T14:30:01.456789Z",
                  "price_level": "68901.00",
                  "new_quantity": "0.00000000"
                }
              ]
            }
          ]
        }
        """;

    public const string AtL2SnapshotOfficial = """
        {
          "channel": "l2_data",
          "client_id": "",
          "timestamp": "2023-02-09T20:32:50.714964855Z",
          "sequence_num": 0,
          "events": [
            {
              "type": "snapshot",
              "product_id": "BTC-USD",
              "updates": [
                {
                  "side": "bid",
                  "event_time": "1970-01-01T00:00:00Z",
                  "price_level": "21921.73",
                  "new_quantity": "0.06317902"
                },
                {
                  "side": "bid",
                  "event_time": "1970-01-01T00:00:00Z",
                  "price_level": "21921.3",
                  "new_quantity": "0.02"
                }
              ]
            }
          ]
        }
        """;

    public const string AtTicker = """
        {
          "channel": "ticker",
          "client_id": "",
          "timestamp": "2026-04-07T14:30:03.000000Z",
          "sequence_num": 12,
          "events": [
            {
              "type": "snapshot",
              "tickers": [
                {
                  "type": "ticker",
                  "product_id": "BTC-USD",
                  "price": "68900.50",
                  "volume_24_h": "15328.12345678",
                  "low_24_h": "67500.00",
                  "high_24_h": "69200.00",
                  "low_52_w": "25000.00",
                  "high_52_w": "73800.00",
                  "price_percent_chg_24_h": "1.85",
                  "best_bid": "68900.00",
                  "best_bid_quantity": "1.50000000",
                  "best_ask": "68901.00",
                  "best_ask_quantity": "0.50000000"
                }
              ]
            }
          ]
        }
        """;

    public const string AtTickerOfficial = """
        {
          "channel": "ticker",
          "client_id": "",
          "timestamp": "2023-02-09T20:30:37.167359596Z",
          "sequence_num": 0,
          "events": [
            {
              "type": "snapshot",
              "tickers": [
                {
                  "type": "ticker",
                  "product_id": "BTC-USD",
                  "price": "21932.98",
                  "volume_24_h": "16038.28770938",
                  "low_24_h": "21835.29",
                  "high_24_h": "23011.18",
                  "low_52_w": "15460",
                  "high_52_w": "48240",
                  "price_percent_chg_24_h": "-4.15775596190603",
                  "best_bid": "21931.98",
                  "best_bid_quantity": "8000.21",
                  "best_ask": "21933.98",
                  "best_ask_quantity": "8038.07770938"
                }
              ]
            }
          ]
        }
        """;

    public const string AtMarketTrades = """
        {
          "channel": "market_trades",
          "client_id": "",
          "timestamp": "2026-04-07T14:30:02.789012Z",
          "sequence_num": 5,
          "events": [
            {
              "type": "update",
              "trades": [
                {
                  "trade_id": "995098700",
                  "product_id": "BTC-USD",
                  "price": "68900.50",
                  "size": "0.00150000",
                  "side": "BUY",
                  "time": "2026-04-07T14:30:02.789012Z"
                },
                {
                  "trade_id": "995098701",
                  "product_id": "BTC-USD",
                  "price": "68900.00",
                  "size": "0.05000000",
                  "side": "SELL",
                  "time": "2026-04-07T14:30:02.800000Z"
                }
              ]
            }
          ]
        }
        """;

    public const string AtMarketTradesOfficial = """
        {
          "channel": "market_trades",
          "client_id": "",
          "timestamp": "2023-02-09T20:19:35.39625135Z",
          "sequence_num": 0,
          "events": [
            {
              "type": "snapshot",
              "trades": [
                {
                  "trade_id": "000000000",
                  "product_id": "ETH-USD",
                  "price": "1260.01",
                  "size": "0.3",
                  "side": "BUY",
                  "time": "2019-08-14T20:42:27.265Z"
                }
              ]
            }
          ]
        }
        """;

    /// <summary>The docs copy of the example above with the trailing comma after <c>time</c> (invalid JSON).</summary>
    public const string AtMarketTradesTrailingComma = """
        {
          "channel": "market_trades",
          "client_id": "",
          "timestamp": "2023-02-09T20:19:35.39625135Z",
          "sequence_num": 0,
          "events": [
            {
              "type": "snapshot",
              "trades": [
                {
                  "trade_id": "000000000",
                  "product_id": "ETH-USD",
                  "price": "1260.01",
                  "size": "0.3",
                  "side": "BUY",
                  "time": "2019-08-14T20:42:27.265Z",
                }
              ]
            }
          ]
        }
        """;

    public const string AtHeartbeats = """
        {
          "channel": "heartbeats",
          "client_id": "",
          "timestamp": "2026-04-07T14:30:10.000000Z",
          "sequence_num": 0,
          "events": [
            {
              "current_time": "2026-04-07 14:30:10.000000000+00:00",
              "heartbeat_counter": 42
            }
          ]
        }
        """;

    public const string AtHeartbeatsOfficial = """
        {
          "channel": "heartbeats",
          "client_id": "",
          "timestamp": "2023-06-23T20:31:26.122969572Z",
          "sequence_num": 0,
          "events": [
            {
              "current_time": "2023-06-23 20:31:56.121961769 +0000 UTC m=+91717.525857105",
              "heartbeat_counter": "3049"
            }
          ]
        }
        """;

    public const string AtError = """{"type":"error","message":"failure to subscribe"}""";

    // ---- B. Exchange feed ----

    /// <summary>Client → server.</summary>
    public const string ExSubscribe = """
        {
            "type": "subscribe",
            "product_ids": ["ETH-USD", "BTC-USD"],
            "channels": ["level2_batch"]
        }
        """;

    public const string ExSubscriptions = """
        {
            "type": "subscriptions",
            "channels": [
                { "name": "level2", "product_ids": ["ETH-USD", "ETH-EUR"] },
                { "name": "heartbeat", "product_ids": ["ETH-USD", "ETH-EUR"] },
                { "name": "ticker", "product_ids": ["ETH-USD", "ETH-EUR", "ETH-BTC"] }
            ]
        }
        """;

    public const string ExSnapshot = """
        {
            "type": "snapshot",
            "product_id": "BTC-USD",
            "bids": [["10101.10", "0.45054140"]],
            "asks": [["10102.55", "0.57753524"]]
        }
        """;

    public const string ExL2Update = """
        {
            "type": "l2update",
            "product_id": "BTC-USD",
            "changes": [
                ["buy", "22356.270000", "0.00000000"],
                ["buy", "22356.300000", "1.00000000"]
            ],
            "time": "2022-08-04T15:25:05.010758Z"
        }
        """;

    public const string ExL2UpdateNoZone =
        """{"type": "l2update", "product_id": "BTC-USD", "changes": [["sell", "30862.60", "0.00000000"]], "time": "2023-07-04T18:14:39"}""";

    public const string ExTicker = """
        {
            "type": "ticker",
            "sequence": 37475248783,
            "product_id": "ETH-USD",
            "price": "1285.22",
            "open_24h": "1310.79",
            "volume_24h": "245532.79269678",
            "low_24h": "1280.52",
            "high_24h": "1313.8",
            "volume_30d": "9788783.60117027",
            "best_bid": "1285.04",
            "best_bid_size": "0.46688654",
            "best_ask": "1285.27",
            "best_ask_size": "1.56637040",
            "side": "buy",
            "time": "2022-10-19T23:28:22.061769Z",
            "trade_id": 370843401,
            "last_size": "11.4396987"
        }
        """;

    public const string ExMatch = """
        {
            "type": "match",
            "trade_id": 10,
            "sequence": 50,
            "maker_order_id": "ac928c66-ca53-498f-9c13-a110027a60e8",
            "taker_order_id": "132fb6ae-456b-4654-b4e0-d681ac05cea1",
            "time": "2014-11-07T08:19:27.028459Z",
            "product_id": "BTC-USD",
            "size": "5.23512",
            "price": "400.23",
            "side": "sell"
        }
        """;

    public const string ExMatchNoSequence =
        """{"type":"match","trade_id":12345678,"maker_order_id":"abc","taker_order_id":"xyz","side":"buy","price":"68750.10","size":"0.002","product_id":"BTC-USD","time":"2025-10-24T08:12:34.567Z"}""";

    public const string ExHeartbeat =
        """{"type":"heartbeat","sequence":90,"last_trade_id":20,"product_id":"BTC-USD","time":"2014-11-07T08:19:28.464459Z"}""";

    public const string ExError =
        """{"type":"error","message":"Failed to subscribe","reason":"You need to specify at least one product ID for channel heartbeat"}""";
}
