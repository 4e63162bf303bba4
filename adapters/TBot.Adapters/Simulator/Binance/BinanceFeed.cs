using System.Text.Json;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Transport;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Binance;

/// <summary>
/// Binance spot market streams: /ws/&lt;stream&gt; (raw payloads) and /stream?streams=a/b (combined envelopes), plus
/// the SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / SET_PROPERTY / GET_PROPERTY methods. Each step renders the
/// depth diff once and shares the bytes between subscribers; envelopes are rendered once per stream name.
/// </summary>
internal sealed class BinanceFeed : VenueFeed
{
    private readonly InstrumentStreams[] _streams;
    private readonly JsonFrameBuilder _raw = new();
    private readonly JsonFrameBuilder _envelope = new();
    private readonly JsonFrameBuilder _control = new(1024);
    private long _nextTickerNs;

    public BinanceFeed(SimulatorContext context) : base(context, Venue.Binance)
    {
        var markets = context.Model.MarketsOf(Venue.Binance);
        _streams = new InstrumentStreams[markets.Count];
        for (var i = 0; i < markets.Count; i++) _streams[i] = new InstrumentStreams(markets[i]);
    }

    private sealed class InstrumentStreams
    {
        public InstrumentStreams(InstrumentMarket market)
        {
            Market = market;
            Symbol = JsonEncodedText.Encode(market.Spec.Symbol);
            var lower = market.Spec.Symbol.ToLowerInvariant();
            for (var k = 0; k < BinanceStreamKinds.Count; k++)
            {
                Subscribers[k] = [];
                Names[k] = JsonEncodedText.Encode(lower + "@" + BinanceStreamKinds.Suffix((BinanceStreamKind)k));
            }
        }

        public InstrumentMarket Market { get; }
        public JsonEncodedText Symbol { get; }
        public List<SimConnection>[] Subscribers { get; } = new List<SimConnection>[BinanceStreamKinds.Count];
        public JsonEncodedText[] Names { get; } = new JsonEncodedText[BinanceStreamKinds.Count];

        public bool Any(BinanceStreamKind kind) => Subscribers[(int)kind].Count > 0;
    }

    /// <summary>Per-connection list of stream names, in subscription order (LIST_SUBSCRIPTIONS).</summary>
    private sealed class ConnectionStreams
    {
        public List<string> Names { get; } = [];
    }

    /// <summary>Accept a connection with the streams named in its URL (no ack for those, as on Binance).</summary>
    public void Attach(SimConnection c, IReadOnlyList<string> urlStreams)
    {
        c.UseEnvelope = c.Kind == ConnectionKind.BinanceCombined;
        Context.Pump.Post(() =>
        {
            c.FeedState = new ConnectionStreams();
            Apply(c, urlStreams, subscribe: true);
        });
    }

    public override void OnDisconnected(SimConnection c)
    {
        foreach (var s in _streams)
        {
            foreach (var list in s.Subscribers) list.Remove(c);
        }
    }

    // ---- client requests (receive loop) -----------------------------------------------------------------

    public override void OnClientText(SimConnection c, ReadOnlyMemory<byte> text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 3, "Invalid JSON: " + e.Message, null)));
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 2, "Invalid request: expected a JSON object", null)));
                return;
            }
            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.Null)
                    || (idElement.ValueKind == JsonValueKind.Number && !idElement.TryGetInt64(out _))
                    || (idElement.ValueKind == JsonValueKind.String && (idElement.GetString()!.Length > 36 || !idElement.GetString()!.All(char.IsAsciiLetterOrDigit))))
                {
                    c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 1, "Invalid value type: id must be an int64, a string of up to 36 alphanumerics or null", null)));
                    return;
                }
                id = idElement.GetRawText();
            }
            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("method" or "params" or "id"))
                {
                    var name = p.Name;
                    c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 0, $"Unknown property '{name}'", id)));
                    return;
                }
            }
            var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var parameters = root.TryGetProperty("params", out var ps) ? ps : default;
            switch (method)
            {
                case "SUBSCRIBE":
                case "UNSUBSCRIBE":
                    {
                        if (!TryReadStreamNames(parameters, out var names, out var error))
                        {
                            c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 2, error, id)));
                            return;
                        }
                        var subscribe = method == "SUBSCRIBE";
                        Context.Pump.Post(() =>
                        {
                            Apply(c, names, subscribe);
                            Dispatcher.Send(c, Render(w => BinanceControlWriter.Ack(w, id)));
                        });
                        return;
                    }
                case "LIST_SUBSCRIPTIONS":
                    Context.Pump.Post(() =>
                    {
                        var state = c.FeedState as ConnectionStreams;
                        Dispatcher.Send(c, Render(w => BinanceControlWriter.List(w, state?.Names ?? [], id)));
                    });
                    return;
                case "SET_PROPERTY":
                    if (parameters.ValueKind == JsonValueKind.Array && parameters.GetArrayLength() == 2
                        && parameters[0].ValueKind == JsonValueKind.String && parameters[0].GetString() == "combined"
                        && parameters[1].ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        var combined = parameters[1].GetBoolean();
                        Context.Pump.Post(() =>
                        {
                            c.UseEnvelope = combined;
                            Dispatcher.Send(c, Render(w => BinanceControlWriter.Ack(w, id)));
                        });
                        return;
                    }
                    c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 2, "Invalid request: unknown property or value", id)));
                    return;
                case "GET_PROPERTY":
                    Context.Pump.Post(() => Dispatcher.Send(c, Render(w => BinanceControlWriter.Property(w, c.UseEnvelope, id))));
                    return;
                default:
                    c.SendNow(ControlFrames.Build(w => BinanceControlWriter.Error(w, 2, "Invalid request: unknown method", id)));
                    return;
            }
        }
    }

    private static bool TryReadStreamNames(JsonElement parameters, out List<string> names, out string error)
    {
        names = [];
        error = "";
        if (parameters.ValueKind != JsonValueKind.Array)
        {
            error = "Invalid request: params must be an array of stream names";
            return false;
        }
        foreach (var p in parameters.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.String)
            {
                error = "Invalid request: params must be an array of stream names";
                return false;
            }
            var name = p.GetString()!;
            if (!BinanceStreamKinds.TryParse(name, out _, out _))
            {
                error = $"Invalid request: invalid stream name '{name}'";
                return false;
            }
            names.Add(name);
        }
        return true;
    }

    // ---- pump thread -------------------------------------------------------------------------------------

    private ReadOnlySpan<byte> Render(Action<Utf8JsonWriter> write)
    {
        write(_control.Start());
        return _control.Finish();
    }

    /// <summary>Add or remove subscriptions. Unknown symbols are accepted and simply never produce data, as on Binance.</summary>
    private void Apply(SimConnection c, IReadOnlyList<string> names, bool subscribe)
    {
        var state = (ConnectionStreams)(c.FeedState ??= new ConnectionStreams());
        foreach (var name in names)
        {
            if (!BinanceStreamKinds.TryParse(name, out var symbol, out var kind)) continue;
            var market = Model.FindIgnoreCase(Venue.Binance, symbol);
            var list = market is null ? null : _streams[market.VenueIndex].Subscribers[(int)kind];
            if (subscribe)
            {
                if (!state.Names.Contains(name)) state.Names.Add(name);
                if (list is not null) AddOnce(list, c);
            }
            else
            {
                state.Names.Remove(name);
                list?.Remove(c);
            }
        }
    }

    public override void OnStep(MarketStep step)
    {
        var s = _streams[step.Market.VenueIndex];
        var m = step.Market;
        if (s.Any(BinanceStreamKind.Depth) || s.Any(BinanceStreamKind.Depth100ms) || s.Any(BinanceStreamKind.Depth1000ms))
        {
            var w = _raw.Start();
            BinanceDepthUpdateWriter.Write(w, step, s.Symbol, WireTime.ToUnixMs(StampNs(step.TimeNs)));
            var raw = _raw.Finish();
            Publish(s, BinanceStreamKind.Depth, raw, gapEligible: true);
            Publish(s, BinanceStreamKind.Depth100ms, raw, gapEligible: true);
            Publish(s, BinanceStreamKind.Depth1000ms, raw, gapEligible: true);
        }
        if (step.TopOfBookChanged && s.Any(BinanceStreamKind.BookTicker))
        {
            BinanceBookTickerWriter.Write(_raw.Start(), m, s.Symbol, Faults.ShouldInject(FaultKind.CrossedBook, Venue));
            Publish(s, BinanceStreamKind.BookTicker, _raw.Finish(), gapEligible: false);
        }
        if (step.TradeCount > 0 && (s.Any(BinanceStreamKind.Trade) || s.Any(BinanceStreamKind.AggTrade)))
        {
            foreach (ref readonly var t in step.Trades)
            {
                if (s.Any(BinanceStreamKind.Trade))
                {
                    BinanceTradeWriter.Write(_raw.Start(), m, t, s.Symbol, WireTime.ToUnixMs(StampNs(step.TimeNs)));
                    Publish(s, BinanceStreamKind.Trade, _raw.Finish(), gapEligible: false);
                }
                if (s.Any(BinanceStreamKind.AggTrade))
                {
                    BinanceAggTradeWriter.Write(_raw.Start(), m, t, s.Symbol, WireTime.ToUnixMs(StampNs(step.TimeNs)));
                    Publish(s, BinanceStreamKind.AggTrade, _raw.Finish(), gapEligible: false);
                }
            }
        }
        PublishPartial(s, step, BinanceStreamKind.Depth5, BinanceStreamKind.Depth5Fast);
        PublishPartial(s, step, BinanceStreamKind.Depth10, BinanceStreamKind.Depth10Fast);
        PublishPartial(s, step, BinanceStreamKind.Depth20, BinanceStreamKind.Depth20Fast);
    }

    private void PublishPartial(InstrumentStreams s, MarketStep step, BinanceStreamKind slow, BinanceStreamKind fast)
    {
        var levels = BinanceStreamKinds.PartialLevels(slow);
        if (step.TopDepthTouched >= levels || !(s.Any(slow) || s.Any(fast))) return;
        BinancePartialDepthWriter.Write(_raw.Start(), s.Market, levels);
        var raw = _raw.Finish();
        Publish(s, slow, raw, gapEligible: false);
        Publish(s, fast, raw, gapEligible: false);
    }

    public override void OnTimer(long nowNs)
    {
        if (nowNs < _nextTickerNs) return;
        _nextTickerNs = nowNs + Context.Options.HeartbeatInterval.Ticks * 100;
        foreach (var s in _streams)
        {
            if (!s.Any(BinanceStreamKind.Ticker)) continue;
            Binance24hrTickerWriter.Write(_raw.Start(), s.Market, s.Symbol, WireTime.ToUnixMs(StampNs(nowNs)), Faults.ShouldInject(FaultKind.CrossedBook, Venue));
            Publish(s, BinanceStreamKind.Ticker, _raw.Finish(), gapEligible: false);
        }
    }

    /// <summary>Send a raw payload to a stream's subscribers, wrapping it once for combined-stream connections.</summary>
    private void Publish(InstrumentStreams s, BinanceStreamKind kind, ReadOnlySpan<byte> raw, bool gapEligible)
    {
        var subscribers = s.Subscribers[(int)kind];
        if (subscribers.Count == 0) return;
        ReadOnlySpan<byte> wrapped = default;
        var haveWrapped = false;
        for (var i = 0; i < subscribers.Count; i++)
        {
            var c = subscribers[i];
            if (!c.UseEnvelope)
            {
                Dispatcher.SendData(c, Venue, raw, gapEligible);
                continue;
            }
            if (!haveWrapped)
            {
                BinanceCombinedEnvelopeWriter.Write(_envelope.Start(), s.Names[(int)kind], raw);
                wrapped = _envelope.Finish();
                haveWrapped = true;
            }
            Dispatcher.SendData(c, Venue, wrapped, gapEligible);
        }
    }
}
