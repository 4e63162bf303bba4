using System.Text.Json;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Transport;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Coinbase;

/// <summary>
/// The older Coinbase Exchange feed (wss://ws-feed.exchange.coinbase.com): subscribe with a "channels" array of
/// names or {name, product_ids}; channels level2 / level2_batch (snapshot then l2update), ticker, matches
/// (last_match on subscribe, then match) and heartbeat (per product, every second). Sequences are per product.
/// </summary>
internal sealed class CoinbaseExchangeFeed : VenueFeed
{
    private static readonly string[] ChannelNames = ["level2", "level2_batch", "ticker", "matches", "heartbeat"];

    private readonly ProductSubscribers[] _products;
    private readonly JsonFrameBuilder _frame = new();
    private long _nextHeartbeatNs;

    public CoinbaseExchangeFeed(SimulatorContext context) : base(context, Venue.Coinbase)
    {
        var markets = context.Model.MarketsOf(Venue.Coinbase);
        _products = new ProductSubscribers[markets.Count];
        for (var i = 0; i < markets.Count; i++) _products[i] = new ProductSubscribers(markets[i]);
    }

    private enum Channel
    {
        Level2 = 0,
        Level2Batch = 1,
        Ticker = 2,
        Matches = 3,
        Heartbeat = 4,
    }

    private sealed class ProductSubscribers(InstrumentMarket market)
    {
        public InstrumentMarket Market { get; } = market;
        public JsonEncodedText ProductId { get; } = JsonEncodedText.Encode(market.Spec.Symbol);
        public List<SimConnection>[] ByChannel { get; } = [[], [], [], [], []];
    }

    private sealed class ConnectionState
    {
        public SortedSet<string>[] Products { get; } = [.. Enumerable.Range(0, ChannelNames.Length).Select(_ => new SortedSet<string>(StringComparer.Ordinal))];
    }

    private readonly record struct Request(Channel Channel, List<InstrumentMarket> Products);

    public void Attach(SimConnection c) => Context.Pump.Post(() => c.FeedState = new ConnectionState());

    public override void OnDisconnected(SimConnection c)
    {
        foreach (var p in _products)
        {
            foreach (var list in p.ByChannel) list.Remove(c);
        }
    }

    public override void OnClientText(SimConnection c, ReadOnlyMemory<byte> text)
    {
        var requests = new List<Request>();
        string? type;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is not ("subscribe" or "unsubscribe"))
            {
                Reject(c, "Failed to subscribe", "type must be subscribe or unsubscribe");
                return;
            }
            if (!TryProducts(root, out var common, out var bad))
            {
                Reject(c, "Failed to subscribe", bad);
                return;
            }
            if (!root.TryGetProperty("channels", out var channels) || channels.ValueKind != JsonValueKind.Array)
            {
                Reject(c, "Failed to subscribe", "channels must be an array");
                return;
            }
            foreach (var ch in channels.EnumerateArray())
            {
                string? name;
                var products = common;
                if (ch.ValueKind == JsonValueKind.String) name = ch.GetString();
                else if (ch.ValueKind == JsonValueKind.Object)
                {
                    name = ch.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    if (ch.TryGetProperty("product_ids", out _))
                    {
                        if (!TryProducts(ch, out products, out bad))
                        {
                            Reject(c, "Failed to subscribe", bad);
                            return;
                        }
                    }
                }
                else name = null;
                var index = Array.IndexOf(ChannelNames, name);
                if (index < 0)
                {
                    Reject(c, "Failed to subscribe", $"{name} is not a valid channel");
                    return;
                }
                if (products.Count == 0 && type == "subscribe")
                {
                    Reject(c, "Failed to subscribe", $"You need to specify at least one product ID for channel {name}");
                    return;
                }
                requests.Add(new Request((Channel)index, products));
            }
        }
        catch (JsonException)
        {
            Reject(c, "Malformed JSON", null);
            return;
        }
        var subscribe = type == "subscribe";
        Context.Pump.Post(() => Apply(c, requests, subscribe));
    }

    private bool TryProducts(JsonElement element, out List<InstrumentMarket> products, out string error)
    {
        products = [];
        error = "";
        if (!element.TryGetProperty("product_ids", out var ids)) return true;
        if (ids.ValueKind != JsonValueKind.Array)
        {
            error = "product_ids must be an array";
            return false;
        }
        foreach (var id in ids.EnumerateArray())
        {
            var m = id.ValueKind == JsonValueKind.String ? Model.Find(Venue.Coinbase, id.GetString()!) : null;
            if (m is null)
            {
                error = $"{id} is not a valid product";
                return false;
            }
            products.Add(m);
        }
        return true;
    }

    private static void Reject(SimConnection c, string message, string? reason) =>
        c.SendNow(ControlFrames.Build(w => CoinbaseSubscriptionsWriter.Error(w, message, reason)));

    private void Apply(SimConnection c, List<Request> requests, bool subscribe)
    {
        if (c.IsClosed || c.FeedState is not ConnectionState state) return;
        foreach (var r in requests)
        {
            var targets = !subscribe && r.Products.Count == 0 ? Model.MarketsOf(Venue.Coinbase).ToList() : r.Products;
            foreach (var m in targets)
            {
                var list = _products[m.VenueIndex].ByChannel[(int)r.Channel];
                if (subscribe)
                {
                    state.Products[(int)r.Channel].Add(m.Spec.Symbol);
                    AddOnce(list, c);
                }
                else
                {
                    state.Products[(int)r.Channel].Remove(m.Spec.Symbol);
                    list.Remove(c);
                }
            }
        }
        var channels = new List<KeyValuePair<string, IReadOnlyCollection<string>>>();
        for (var i = 0; i < ChannelNames.Length; i++)
        {
            if (state.Products[i].Count > 0) channels.Add(new(ChannelNames[i], state.Products[i]));
        }
        CoinbaseExchangeControlWriter.Subscriptions(_frame.Start(), channels);
        Dispatcher.Send(c, _frame.Finish());
        if (!subscribe) return;

        var now = NowNs();
        foreach (var r in requests)
        {
            foreach (var m in r.Products)
            {
                var p = _products[m.VenueIndex];
                switch (r.Channel)
                {
                    case Channel.Level2:
                    case Channel.Level2Batch:
                        CoinbaseExchangeBookWriter.WriteSnapshot(_frame.Start(), m, p.ProductId);
                        break;
                    case Channel.Ticker:
                        CoinbaseExchangeTickerWriter.Write(_frame.Start(), m, p.ProductId, default, hasTrade: false, now, crossed: false);
                        break;
                    case Channel.Matches when m.RecentTradeCount > 0:
                        CoinbaseExchangeMatchWriter.Write(_frame.Start(), m, m.RecentTrade(0), p.ProductId, now, last: true);
                        break;
                    default:
                        continue;
                }
                Dispatcher.Send(c, _frame.Finish());
            }
        }
    }

    public override void OnStep(MarketStep step)
    {
        var p = _products[step.Market.VenueIndex];
        var l2 = p.ByChannel[(int)Channel.Level2];
        var l2Batch = p.ByChannel[(int)Channel.Level2Batch];
        if (l2.Count + l2Batch.Count > 0)
        {
            CoinbaseExchangeBookWriter.WriteUpdate(_frame.Start(), step, p.ProductId, StampNs(step.TimeNs));
            var frame = _frame.Finish();
            for (var i = 0; i < l2.Count; i++) Dispatcher.SendData(l2[i], Venue, frame, gapEligible: false);
            for (var i = 0; i < l2Batch.Count; i++) Dispatcher.SendData(l2Batch[i], Venue, frame, gapEligible: false);
        }
        if (step.TradeCount == 0) return;
        var matches = p.ByChannel[(int)Channel.Matches];
        if (matches.Count > 0)
        {
            foreach (ref readonly var t in step.Trades)
            {
                CoinbaseExchangeMatchWriter.Write(_frame.Start(), step.Market, t, p.ProductId, StampNs(step.TimeNs), last: false);
                var frame = _frame.Finish();
                // A missing match shows as a jump in trade_id / sequence.
                for (var i = 0; i < matches.Count; i++) Dispatcher.SendData(matches[i], Venue, frame, gapEligible: true);
            }
        }
        var tickers = p.ByChannel[(int)Channel.Ticker];
        if (tickers.Count > 0)
        {
            var last = step.Trades[step.TradeCount - 1];
            CoinbaseExchangeTickerWriter.Write(_frame.Start(), step.Market, p.ProductId, last, hasTrade: true, StampNs(step.TimeNs),
                Faults.ShouldInject(FaultKind.CrossedBook, Venue));
            var frame = _frame.Finish();
            for (var i = 0; i < tickers.Count; i++) Dispatcher.SendData(tickers[i], Venue, frame, gapEligible: false);
        }
    }

    public override void OnTimer(long nowNs)
    {
        if (nowNs < _nextHeartbeatNs) return;
        _nextHeartbeatNs = nowNs + Context.Options.HeartbeatInterval.Ticks * 100;
        foreach (var p in _products)
        {
            var list = p.ByChannel[(int)Channel.Heartbeat];
            if (list.Count == 0) continue;
            CoinbaseExchangeControlWriter.WriteHeartbeat(_frame.Start(), p.Market, p.ProductId, nowNs);
            var frame = _frame.Finish();
            for (var i = 0; i < list.Count; i++) Dispatcher.Send(list[i], frame);
        }
    }
}
