namespace TBot.Adapters.Tests.Okx;

/// <summary>The verbatim JSON examples of /work/shared/exchange-formats/okx.md (generated from the doc's code blocks).</summary>
internal static class OkxFixtures
{
    /// <summary>§2 error example 1.</summary>
    public const string RestErrorRateLimit = """
{"msg":"Too Many Requests","code":"50011"}
""";

    /// <summary>§2 error example 2.</summary>
    public const string RestErrorUnknownInstrument = """
{"code":"51001","msg":"Instrument ID does not exist","data":[]}
""";

    /// <summary>§3.1 example 1 (REST ticker).</summary>
    public const string RestTicker = """
{
    "code": "0",
    "msg": "",
    "data": [
        {
            "instType": "SWAP",
            "instId": "BTC-USD-SWAP",
            "last": "9999.99",
            "lastSz": "1",
            "askPx": "9999.99",
            "askSz": "11",
            "bidPx": "8888.88",
            "bidSz": "5",
            "open24h": "9000",
            "high24h": "10000",
            "low24h": "8888.88",
            "volCcy24h": "2222",
            "vol24h": "2222",
            "sodUtc0": "0.1",
            "sodUtc8": "0.1",
            "ts": "1597026383085"
        }
    ]
}
""";

    /// <summary>§3.1 example 2 (WS tickers, nautilus fixture).</summary>
    public const string WsTickersFixture = """
{
  "arg": {
    "channel": "tickers",
    "instId": "BTC-USDT"
  },
  "data": [
    {
      "instType": "SPOT",
      "instId": "BTC-USDT",
      "last": "9999.99",
      "lastSz": "0.1",
      "askPx": "9999.99",
      "askSz": "11",
      "bidPx": "8888.88",
      "bidSz": "5",
      "open24h": "9000",
      "high24h": "10000",
      "low24h": "8888.88",
      "volCcy24h": "2222",
      "vol24h": "2222",
      "sodUtc0": "2222",
      "sodUtc8": "2222",
      "ts": "1597026383085"
    }
  ]
}
""";

    /// <summary>§3.2 example 1 (REST books, with seqId).</summary>
    public const string RestBooksDocs = """
{
    "code": "0",
    "msg": "",
    "data": [
        {
            "asks": [
                [
                    "41006.8",
                    "0.60038921",
                    "0",
                    "1"
                ]
            ],
            "bids": [
                [
                    "41006.3",
                    "0.30178218",
                    "0",
                    "2"
                ]
            ],
            "ts": "1629966436396",
            "seqId": 3235851742
        }
    ]
}
""";

    /// <summary>§3.2 example 2 (REST books, nautilus fixture, no seqId).</summary>
    public const string RestBooksFixture = """
{
  "code": "0",
  "msg": "",
  "data": [
    {
      "asks": [
        ["41006.8", "0.60038921", "0", "1"],
        ["41006.9", "0.30178218", "0", "2"],
        ["41007.0", "2.05842530", "0", "3"]
      ],
      "bids": [
        ["41006.7", "0.48792100", "0", "1"],
        ["41006.6", "0.23970000", "0", "2"],
        ["41006.5", "1.12500000", "0", "3"]
      ],
      "ts": "1704067200000"
    }
  ]
}
""";

    /// <summary>§3.3 example 1 (candles, confirmed).</summary>
    public const string RestCandlesDocs = """
{
    "code":"0",
    "msg":"",
    "data":[
     [
        "1597026383085",
        "3.721",
        "3.743",
        "3.677",
        "3.708",
        "8422410",
        "22698348.04828491",
        "12698348.04828491",
        "1"
    ],
    [
        "1597026383085",
        "3.731",
        "3.799",
        "3.494",
        "3.72",
        "24912403",
        "67632347.24399722",
        "37632347.24399722",
        "1"
    ]
    ]
}
""";

    /// <summary>§3.3 example 2 (candles, unconfirmed).</summary>
    public const string RestCandlesFixture = """
{
  "code": "0",
  "msg": "",
  "data": [
    [
      "1625097600000",
      "33528.6",
      "33870.0",
      "33528.6",
      "33783.9",
      "778.838",
      "0",
      "0",
      "0"
    ],
    [
      "1625097660000",
      "33783.9",
      "33783.9",
      "33782.1",
      "33782.1",
      "0.123",
      "0",
      "0",
      "0"
    ]
  ]
}
""";

    /// <summary>§4.1 notice 64008.</summary>
    public const string WsNotice = """
{"event":"notice","code":"64008","msg":"The connection will soon be closed for a service upgrade. Please reconnect.","connId":"a4d3ae55"}
""";

    /// <summary>§4.2 subscribe request (outgoing).</summary>
    public const string WsSubscribeRequest = """
{"op":"subscribe","args":[{"channel":"tickers","instId":"BTC-USDT"},{"channel":"books","instId":"BTC-USDT"}]}
""";

    /// <summary>§4.2 subscribe ack.</summary>
    public const string WsSubscribeAck = """
{"event":"subscribe","arg":{"channel":"tickers","instId":"BTC-USDT"},"connId":"accb8e21"}
""";

    /// <summary>§4.2 error 60012.</summary>
    public const string WsError = """
{"event":"error","code":"60012","msg":"Invalid request: {\"op\": \"subscribe\", \"argss\":[{ \"channel\" : \"tickers\", \"instId\" : \"BTC-USDT\"}]}","connId":"a4d3ae55"}
""";

    /// <summary>§4.3 example 1 (books snapshot).</summary>
    public const string WsBooksSnapshot = """
{
  "arg": {"channel": "books", "instId": "BTC-USDT"},
  "action": "snapshot",
  "data": [
    {
      "asks": [
        ["8476.98", "415", "0", "13"],
        ["8477", "7", "0", "2"],
        ["8477.34", "85", "0", "1"],
        ["8477.56", "1", "0", "1"],
        ["8505.84", "8", "0", "1"],
        ["8506.37", "85", "0", "1"],
        ["8506.49", "2", "0", "1"],
        ["8506.96", "100", "0", "2"]
      ],
      "bids": [
        ["8476.97", "256", "0", "12"],
        ["8475.55", "101", "0", "1"],
        ["8475.54", "100", "0", "1"],
        ["8475.3", "1", "0", "1"],
        ["8447.32", "6", "0", "1"],
        ["8447.02", "246", "0", "1"],
        ["8446.83", "24", "0", "1"],
        ["8446", "95", "0", "3"]
      ],
      "ts": "1597026383085",
      "checksum": -855196043,
      "prevSeqId": -1,
      "seqId": 123456
    }
  ]
}
""";

    /// <summary>§4.3 example 2 (books update).</summary>
    public const string WsBooksUpdate = """
{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["8476.98","0","0","0"],["8477.1","12","0","2"]],"bids":[],"ts":"1597026383185","checksum":1234567890,"prevSeqId":123456,"seqId":123470}]}
""";

    /// <summary>§4.3 example 3 (books5).</summary>
    public const string WsBooks5 = """
{"arg":{"channel":"books5","instId":"BCH-USDT-SWAP"},"data":[{"asks":[["111.06","55154","0","2"],["111.07","53276","0","2"],["111.08","72435","0","2"],["111.09","70312","0","2"],["111.1","67272","0","2"]],"bids":[["111.05","57745","0","2"],["111.04","57109","0","2"],["111.03","69563","0","2"],["111.02","71248","0","2"],["111.01","65090","0","2"]],"instId":"BCH-USDT-SWAP","ts":"1670324386802","seqId":363996337}]}
""";

    /// <summary>§4.3 example 4 (bbo-tbt).</summary>
    public const string WsBboTbt = """
{
  "arg": {"channel": "bbo-tbt", "instId": "BTC-USDT"},
  "data": [
    {
      "asks": [["8476.98", "415", "0", "13"]],
      "bids": [["8476.97", "256", "0", "12"]],
      "ts": "1597026383085",
      "seqId": 123456
    }
  ]
}
""";

    /// <summary>§4.6 tickers (docs).</summary>
    public const string WsTickersDocs = """
{"arg":{"channel":"tickers","instId":"BTC-USDT"},"data":[{"instType":"SPOT","instId":"BTC-USDT","last":"9999.99","lastSz":"1","askPx":"9999.99","askSz":"11","bidPx":"8888.88","bidSz":"5","open24h":"9000","high24h":"10000","low24h":"8888.88","volCcy24h":"2222","vol24h":"2222","sodUtc0":"2222","sodUtc8":"2222","ts":"1597026383085"}]}
""";

    /// <summary>§4.7 trades.</summary>
    public const string WsTrades = """
{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"130639474","px":"42219.9","sz":"0.12060306","side":"buy","ts":"1630048897897","count":"3"}]}
""";
}
