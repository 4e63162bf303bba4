using System.Text.Json;
using TBot.Adapters.Simulator.Faults;
using TBot.Adapters.Simulator.Market;
using TBot.Adapters.Simulator.Transport;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.Okx;

/// <summary>
/// OKX public WebSocket (/ws/v5/public): {"op":"subscribe","args":[{"channel","instId"}]} with one ack event per
/// arg; channels books (snapshot, then updates linked by prevSeqId/seqId with a CRC-32 checksum), books5,
/// bbo-tbt, tickers and trades; the literal text "ping" is answered with "pong".
/// </summary>
internal sealed class OkxFeed : VenueFeed
{
    private static readonly string[] ChannelNames = ["books", "books5", "bbo-tbt", "tickers", "trades"];

    private readonly InstrumentSubscribers[] _instruments;
    private readonly JsonFrameBuilder _frame = new();

    public OkxFeed(SimulatorContext context) : base(context, Venue.Okx)
    {
        var markets = context.Model.MarketsOf(Venue.Okx);
        _instruments = new InstrumentSubscribers[markets.Count];
        for (var i = 0; i < markets.Count; i++) _instruments[i] = new InstrumentSubscribers(markets[i]);
    }

    private enum Channel
    {
        Books = 0,
        Books5 = 1,
        BboTbt = 2,
        Tickers = 3,
        Trades = 4,
    }

    private sealed class InstrumentSubscribers(InstrumentMarket market)
    {
        public InstrumentMarket Market { get; } = market;
        public JsonEncodedText InstId { get; } = JsonEncodedText.Encode(market.Spec.Symbol);
        public List<SimConnection>[] ByChannel { get; } = [[], [], [], [], []];
    }

    private readonly record struct Arg(string ChannelName, string InstId, Channel Channel, InstrumentMarket Market);

    /// <summary>OKX connections start without subscriptions and need no per-connection state.</summary>
    public void Attach(SimConnection c)
    {
    }

    public override void OnDisconnected(SimConnection c)
    {
        foreach (var s in _instruments)
        {
            foreach (var list in s.ByChannel) list.Remove(c);
        }
    }

    public override void OnClientText(SimConnection c, ReadOnlyMemory<byte> text)
    {
        if (text.Span.SequenceEqual("ping"u8))
        {
            c.SendNow("pong"u8);
            return;
        }
        var raw = System.Text.Encoding.UTF8.GetString(text.Span);
        string? op;
        var args = new List<Arg>();
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            op = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            if (op is not ("subscribe" or "unsubscribe") || !root.TryGetProperty("args", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                InvalidRequest(c, raw);
                return;
            }
            foreach (var a in list.EnumerateArray())
            {
                var channel = a.ValueKind == JsonValueKind.Object && a.TryGetProperty("channel", out var ch) && ch.ValueKind == JsonValueKind.String ? ch.GetString() : null;
                var instId = a.ValueKind == JsonValueKind.Object && a.TryGetProperty("instId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                if (channel is null)
                {
                    InvalidRequest(c, raw);
                    return;
                }
                var index = Array.IndexOf(ChannelNames, channel);
                var market = instId is null ? null : Model.Find(Venue.Okx, instId);
                if (index < 0 || market is null)
                {
                    var message = $"Wrong URL or channel:{channel},instId:{instId} doesn't exist. Please use the correct URL, channel and parameters referring to API document.";
                    c.SendNow(ControlFrames.Build(w => OkxEventWriter.Error(w, "60018", message, c.ConnId)));
                    continue;
                }
                args.Add(new Arg(channel, instId!, (Channel)index, market));
            }
        }
        catch (JsonException)
        {
            InvalidRequest(c, raw);
            return;
        }
        if (args.Count == 0) return;
        var subscribe = op == "subscribe";
        Context.Pump.Post(() => Apply(c, args, subscribe, op!));
    }

    private static void InvalidRequest(SimConnection c, string raw) =>
        c.SendNow(ControlFrames.Build(w => OkxEventWriter.Error(w, "60012", "Invalid request: " + raw, c.ConnId)));

    private void Apply(SimConnection c, List<Arg> args, bool subscribe, string op)
    {
        if (c.IsClosed) return;
        foreach (var a in args)
        {
            var s = _instruments[a.Market.VenueIndex];
            var list = s.ByChannel[(int)a.Channel];
            if (subscribe) AddOnce(list, c);
            else list.Remove(c);
            OkxEventWriter.Ack(_frame.Start(), op, a.ChannelName, a.InstId, c.ConnId);
            Dispatcher.Send(c, _frame.Finish());
            if (!subscribe) continue;
            var now = NowNs();
            var m = a.Market;
            switch (a.Channel)
            {
                case Channel.Books:
                    OkxBooksWriter.WriteSnapshot(_frame.Start(), m, s.InstId, now, OkxChecksum.Compute(m));
                    break;
                case Channel.Books5:
                    OkxTopOfBookWriter.Write(_frame.Start(), m, s.InstId, 5, now, crossed: false);
                    break;
                case Channel.BboTbt:
                    OkxTopOfBookWriter.Write(_frame.Start(), m, s.InstId, 1, now, crossed: false);
                    break;
                case Channel.Tickers:
                    OkxTickerWriter.WritePush(_frame.Start(), m, s.InstId, now, crossed: false);
                    break;
                default:
                    continue;
            }
            Dispatcher.Send(c, _frame.Finish());
        }
    }

    public override void OnStep(MarketStep step)
    {
        var s = _instruments[step.Market.VenueIndex];
        var m = step.Market;
        var books = s.ByChannel[(int)Channel.Books];
        if (books.Count > 0)
        {
            var checksum = OkxChecksum.Compute(m);
            // The mismatch fault corrupts the value while keeping it a plausible non-zero int32.
            if (Faults.ShouldInject(FaultKind.ChecksumMismatch, Venue)) checksum = checksum == 0x5A5A5A5A ? 1 : checksum ^ 0x5A5A5A5A;
            OkxBooksWriter.WriteUpdate(_frame.Start(), step, s.InstId, StampNs(step.TimeNs), checksum);
            var frame = _frame.Finish();
            for (var i = 0; i < books.Count; i++) Dispatcher.SendData(books[i], Venue, frame, gapEligible: true);
        }
        var books5 = s.ByChannel[(int)Channel.Books5];
        if (books5.Count > 0 && step.TopDepthTouched < 5)
        {
            OkxTopOfBookWriter.Write(_frame.Start(), m, s.InstId, 5, StampNs(step.TimeNs), crossed: false);
            var frame = _frame.Finish();
            for (var i = 0; i < books5.Count; i++) Dispatcher.SendData(books5[i], Venue, frame, gapEligible: false);
        }
        var bbo = s.ByChannel[(int)Channel.BboTbt];
        if (bbo.Count > 0 && step.TopOfBookChanged)
        {
            OkxTopOfBookWriter.Write(_frame.Start(), m, s.InstId, 1, StampNs(step.TimeNs), Faults.ShouldInject(FaultKind.CrossedBook, Venue));
            var frame = _frame.Finish();
            for (var i = 0; i < bbo.Count; i++) Dispatcher.SendData(bbo[i], Venue, frame, gapEligible: false);
        }
        var tickers = s.ByChannel[(int)Channel.Tickers];
        if (tickers.Count > 0 && (step.TopOfBookChanged || step.TradeCount > 0))
        {
            OkxTickerWriter.WritePush(_frame.Start(), m, s.InstId, StampNs(step.TimeNs), Faults.ShouldInject(FaultKind.CrossedBook, Venue));
            var frame = _frame.Finish();
            for (var i = 0; i < tickers.Count; i++) Dispatcher.SendData(tickers[i], Venue, frame, gapEligible: false);
        }
        var trades = s.ByChannel[(int)Channel.Trades];
        if (trades.Count > 0)
        {
            foreach (ref readonly var t in step.Trades)
            {
                OkxTradesWriter.Write(_frame.Start(), m, t, s.InstId, StampNs(step.TimeNs));
                var frame = _frame.Finish();
                for (var i = 0; i < trades.Count; i++) Dispatcher.SendData(trades[i], Venue, frame, gapEligible: false);
            }
        }
    }
}
