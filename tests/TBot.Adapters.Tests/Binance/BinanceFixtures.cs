using System.Text;
using TBot.Adapters.Binance;
using TBot.Adapters.Ingress;
using TBot.Engine.Events;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Tests.Binance;

/// <summary>Verbatim examples of the Binance format reference (binance.md) and a registry they resolve against.</summary>
internal static class BinanceFixtures
{
    public const long ReceiveTimeNs = 1_700_000_000_123_456_789;
    public const string NonAsciiSymbol = "币安人生USDT";

    /// <summary>Scales chosen so every documented example fits (its digits are within the scale).</summary>
    public static InstrumentRegistry Registry()
    {
        var r = new InstrumentRegistry();
        r.Add(Venue.Binance, "BNBUSDT", 4, 2, 1, 1);
        r.Add(Venue.Binance, "BNBBTC", 6, 3, 1, 1);
        r.Add(Venue.Binance, "ETHUSDT", 2, 5, 1, 1);
        r.Add(Venue.Binance, "ZRXETH", 8, 0, 1, 1);
        r.Add(Venue.Binance, "XYZUSDT", 4, 2, 1, 1);
        r.Add(Venue.Binance, "LTCBTC", 6, 2, 1, 1);
        r.Add(Venue.Binance, "ETHBTC", 8, 8, 1, 1);
        r.Add(Venue.Binance, "BTCUSDT", 2, 5, 1, 1);
        r.Add(Venue.Binance, NonAsciiSymbol, 4, 2, 1, 1);
        // Same symbol on another venue must not be picked up.
        r.Add(Venue.Okx, "DOGEUSDT", 5, 0, 1, 1);
        return r;
    }

    public static int Id(InstrumentRegistry registry, string symbol) =>
        registry.TryGet(Venue.Binance, symbol, out var i) ? i.Id : throw new InvalidOperationException(symbol);

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static (ParseResult Result, MarketEvent[] Events) Parse(IFrameParser parser, string frame)
    {
        var batch = new EventBatch(16);
        var result = parser.Parse(Utf8(frame), ReceiveTimeNs, batch);
        return (result, batch.AsSpan().ToArray());
    }

    // ---- §1 control frames ----
    public const string ServerShutdownRaw = """{ "e": "serverShutdown", "E": 1770123456789 }""";
    public const string ServerShutdownCombined = """{ "stream": "!serverShutdown", "data": { "e": "serverShutdown", "E": 1770123456789 } }""";
    public const string SubscribeAck = """{"result":null,"id":1}""";
    public const string UnsubscribeAck = """{"result":null,"id":312}""";
    public const string ListSubscriptions = """{"result":["btcusdt@aggTrade","btcusdt@depth"],"id":3}""";
    public const string ErrorFrame = """{"code": 2, "msg": "Invalid request: ..."}""";

    // ---- §2.1 bookTicker ----
    public const string BookTicker1 = """
        {
            "u": 400900217,
            "s": "BNBUSDT",
            "b": "25.35190000",
            "B": "31.21000000",
            "a": "25.36520000",
            "A": "40.66000000"
        }
        """;
    public const string BookTicker2 = """{"stream":"bnbusdt@bookTicker","data":{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}""";

    // ---- §2.2 trade ----
    public const string Trade1 = """
        {
            "e": "trade",
            "E": 1672515782136,
            "s": "BNBBTC",
            "t": 12345,
            "p": "0.001",
            "q": "100",
            "T": 1672515782136,
            "m": true,
            "M": true
        }
        """;
    public const string Trade2Legacy = """
        {
          "e": "trade",
          "E": 1672515782136,
          "s": "BNBBTC",
          "t": 12345,
          "p": "0.001",
          "q": "100",
          "b": 88,
          "a": 50,
          "T": 1672515782136,
          "m": true,
          "M": true
        }
        """;

    // ---- §2.3 aggTrade ----
    public const string AggTrade1 = """
        {
            "e": "aggTrade",
            "E": 1672515782136,
            "s": "BNBBTC",
            "a": 12345,
            "p": "0.001",
            "q": "100",
            "f": 100,
            "l": 105,
            "T": 1672515782136,
            "m": true,
            "M": true
        }
        """;
    public const string AggTrade2Combined = """
        {
          "stream":"ethusdt@aggTrade",
          "data":{
            "e":"aggTrade",
            "E":1675759520848,
            "s":"ETHUSDT",
            "a":226532,
            "p":"1632.46000000",
            "q":"0.34305000",
            "f":228423,
            "l":228423,
            "T":1675759520847,
            "m":false,
            "M":true
            }
        }
        """;

    // ---- §2.4 diff depth ----
    public const string Depth1 = """
        {
            "e": "depthUpdate",
            "E": 1672515782136,
            "s": "BNBBTC",
            "U": 157,
            "u": 160,
            "b": [
                [
                    "0.0024",
                    "10"
                ]
            ],
            "a": [
                [
                    "0.0026",
                    "100"
                ]
            ]
        }
        """;
    public const string DepthLegacy1 = """{"e":"depthUpdate","E":1507908735894,"s":"ZRXETH","U":412370,"u":412370,"b":[],"a":[["0.00055696","0.00000000",[]]]}""";
    public const string DepthLegacy2 = """{"e":"depthUpdate","E":1507908736894,"s":"ZRXETH","U":412371,"u":412373,"b":[["0.00053691","1634.00000000",[]],["0.00053690","0.00000000",[]]],"a":[["0.00055694","268.00000000",[]]]}""";

    // ---- §2.5 partial depth (no symbol: it comes from the stream name) ----
    public const string PartialDepth = """
        {
            "lastUpdateId": 160,
            "bids": [ [ "0.0024", "10" ] ],
            "asks": [ [ "0.0026", "100" ] ]
        }
        """;

    // ---- §2.6 24hrTicker ----
    public const string Ticker1 = """
        {
            "e": "24hrTicker",
            "E": 1672515782136,
            "s": "BNBBTC",
            "p": "0.0015",
            "P": "250.00",
            "w": "0.0018",
            "x": "0.0009",
            "c": "0.0025",
            "Q": "10",
            "b": "0.0024",
            "B": "10",
            "a": "0.0026",
            "A": "100",
            "o": "0.0010",
            "h": "0.0025",
            "l": "0.0010",
            "v": "10000",
            "q": "18",
            "O": 0,
            "C": 86400000,
            "F": 0,
            "L": 18150,
            "n": 18151
        }
        """;
    public const string Ticker2NoTrades = """{"stream":"xyzusdt@ticker","data":{"e":"24hrTicker","E":1672515782136,"s":"XYZUSDT","p":"0.00000000","P":"0.000","w":"0.00000000","x":"0.00000000","c":"0.00000000","Q":"0.00000000","b":"0.00000000","B":"0.00000000","a":"0.00000000","A":"0.00000000","o":"0.00000000","h":"0.00000000","l":"0.00000000","v":"0.00000000","q":"0.00000000","O":1672429382136,"C":1672515782136,"F":-1,"L":-1,"n":0}}""";

    // ---- §4 REST ----
    public const string RestError = """
        {
            "code": -1121,
            "msg": "Invalid symbol."
        }
        """;
    public const string RestBookTicker1 = """
        {
            "symbol": "LTCBTC",
            "bidPrice": "4.00000000",
            "bidQty": "431.00000000",
            "askPrice": "4.00000200",
            "askQty": "9.00000000"
        }
        """;
    public const string RestBookTicker2 = """
        [
            {
                "symbol": "LTCBTC",
                "bidPrice": "4.00000000",
                "bidQty": "431.00000000",
                "askPrice": "4.00000200",
                "askQty": "9.00000000"
            },
            {
                "symbol": "ETHBTC",
                "bidPrice": "0.07946700",
                "bidQty": "9.00000000",
                "askPrice": "100000.00000000",
                "askQty": "1000.00000000"
            }
        ]
        """;
    public const string RestDepth1 = """
        {
            "lastUpdateId": 1027024,
            "bids": [
                [
                    "4.00000000",
                    "431.00000000"
                ]
            ],
            "asks": [["4.00000200", "12.00000000"]]
        }
        """;
    public const string RestDepth2 = """{"lastUpdateId":42,"bids":[],"asks":[["0.35300000","100.00000000"]]}""";
    public const string RestKlines1 = """
        [
            [
                1499040000000,
                "0.01634790",
                "0.80000000",
                "0.01575800",
                "0.01577100",
                "148976.11427815",
                1499644799999,
                "2434.19055334",
                308,
                "1756.87402397",
                "28.46694368",
                "0"
            ]
        ]
        """;
    public const string RestServerTime = """{"serverTime":1499827319559}""";
}
