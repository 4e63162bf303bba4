using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>
/// Start-up reconciliation: brings the engine's open orders in line with Binance before trading starts (run it
/// before <see cref="BinanceLiveGateway.StartAsync"/>). Lists the venue's open orders per instrument, queries each
/// engine-open order the venue does not list, and publishes the reports that close the gaps — missed fills
/// (from the executedQty difference), acknowledgements, and ends (filled / cancelled / expired, or "missing":
/// rejected if it was never acknowledged, else cancelled, with -2013). Orders working at the venue that the
/// engine does not know are adopted (an Accepted report) or cancelled at the venue, per
/// <see cref="UnknownOrderPolicy"/>. Publish through a publisher that flags reports
/// <see cref="Engine.Events.EventFlags.Reconciled"/> (e.g. <see cref="RingReportPublisher"/> with that flag).
/// Fails (throws) rather than act on a partial picture.
/// </summary>
public sealed class BinanceReconciler
{
    private readonly BinanceSignedClient _client;
    private readonly InstrumentRegistry _registry;
    private readonly IReportPublisher _publisher;
    private readonly BinanceReconcilerOptions _options;
    private readonly ILogger _logger;

    public BinanceReconciler(BinanceSignedClient client, InstrumentRegistry registry, IReportPublisher publisher, BinanceReconcilerOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(publisher);
        _client = client;
        _registry = registry;
        _publisher = publisher;
        _options = options ?? new BinanceReconcilerOptions();
        _logger = client.Scrubbed(logger);
    }

    /// <param name="localOpen">The engine's open orders (any venue; non-Binance ones are ignored).</param>
    public async Task<ReconciliationReport> ReconcileAsync(IReadOnlyList<LocalOpenOrder> localOpen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localOpen);
        if (!_client.Clock.IsSynced) await _client.Clock.SyncAsync(cancellationToken).ConfigureAwait(false);
        var recording = new RecordingPublisher(_publisher);
        var reporter = new OrderStateReporter(recording, new BinanceQuoteAssets(null), _client.Time, stats: null);
        var differences = new List<ReconciliationDifference>();
        var actions = new List<ReconciliationAction>();
        var stillOpen = new List<LocalOpenOrder>();

        // 1. What works at the venue, per instrument.
        var venueOpen = new Dictionary<int, List<BinanceOrderState>>();
        foreach (var instrument in InstrumentsToScan(localOpen))
            venueOpen[instrument.Id] = await ListOpenAsync(instrument, cancellationToken).ConfigureAwait(false);
        var matched = new HashSet<BinanceOrderState>(ReferenceEqualityComparer.Instance);

        // 2. Every engine-open order against the venue.
        foreach (var local in localOpen)
        {
            if (!_registry.TryGet(local.InstrumentId, out var instrument) || instrument.Venue != Venue.Binance) continue;
            var text = local.VenueClientOrderId ?? (ClientOrderIds.Bot(local.ClientOrderId) == 0 ? null : ClientOrderIds.Format(_options.JournalTag, local.ClientOrderId));
            var o = TrackedOrder.FromLocal(in local, text, instrument);
            o.State = TrackedOrderState.Open;
            var before = recording.Reports.Count;
            var working = Find(venueOpen[instrument.Id], o);
            if (working is not null)
            {
                matched.Add(working);
                var acknowledged = o.Acknowledged;
                var executedBefore = o.Executed;
                reporter.OnSnapshot(o, working);
                if (!acknowledged) differences.Add(Difference(ReconciliationDifferenceKind.NotAcknowledged, o, "working at the venue"));
                if (o.Executed > executedBefore)
                    differences.Add(Difference(ReconciliationDifferenceKind.MissedFills, o, $"executed {executedBefore} → {o.Executed}"));
            }
            else
            {
                await SettleClosedAsync(o, local, reporter, differences, cancellationToken).ConfigureAwait(false);
            }
            if (o.State != TrackedOrderState.Done) stillOpen.Add(Baseline(o, local.VenueClientOrderId));
            Record(recording, before, actions);
        }

        // 3. Venue orders the engine does not know.
        var adopted = 0;
        var cancelled = 0;
        foreach (var (instrumentId, states) in venueOpen)
        {
            var instrument = _registry[instrumentId];
            foreach (var s in states)
            {
                if (matched.Contains(s)) continue;
                var ours = ClientOrderIds.TryParse(_options.JournalTag, s.ClientOrderId, out var id);
                if (!ours) id = ClientOrderIds.Make(0, s.OrderId);
                var o = new TrackedOrder(id, s.ClientOrderId, instrument, s.Side, s.Type, s.Price.ToScaleRounded(instrument.PriceScale),
                    s.OrigQty.ToScaleRounded(instrument.QuantityScale))
                {
                    VenueOrderId = s.OrderId,
                    Executed = s.ExecutedQty.ToScaleRounded(instrument.QuantityScale),
                    QuoteMoney = FillMath.ToMoney(s.CumulativeQuoteQty),
                    State = TrackedOrderState.Open,
                };
                differences.Add(Difference(ReconciliationDifferenceKind.UnknownAtVenue, o, ours ? "ours, unknown to the engine" : "foreign"));
                if (_options.UnknownOrders == UnknownOrderPolicy.Adopt)
                {
                    var before = recording.Reports.Count;
                    reporter.Accepted(o, s.TimeNs > 0 ? s.TimeNs : RateLimiting.Clock.UnixNs(_client.Time));
                    Record(recording, before, actions, ours ? "adopted" : "adopted (foreign)");
                    stillOpen.Add(Baseline(o, ours ? null : s.ClientOrderId));
                    adopted++;
                }
                else if (await CancelAtVenueAsync(o, actions, cancellationToken).ConfigureAwait(false))
                {
                    cancelled++;
                }
            }
        }

        // 4. Balances.
        var balances = new List<AssetBalance>();
        if (_options.FetchBalances) await ReadBalancesAsync(balances, cancellationToken).ConfigureAwait(false);

        var report = new ReconciliationReport
        {
            Differences = differences,
            Actions = actions,
            Balances = balances,
            OpenOrders = stillOpen,
            ReportsPublished = recording.Reports.Count,
            Adopted = adopted,
            CancelledAtVenue = cancelled,
        };
        _logger.LogInformation("Binance reconciliation: {Report}", report);
        return report;
    }

    private IEnumerable<Instrument> InstrumentsToScan(IReadOnlyList<LocalOpenOrder> localOpen)
    {
        var ids = new SortedSet<int>();
        if (_options.InstrumentIds is { } configured) ids.UnionWith(configured);
        else
        {
            foreach (var i in _registry.All)
                if (i.Venue == Venue.Binance) ids.Add(i.Id);
        }
        foreach (var l in localOpen) ids.Add(l.InstrumentId);
        foreach (var id in ids)
            if (_registry.TryGet(id, out var instrument) && instrument.Venue == Venue.Binance) yield return instrument;
    }

    private async Task<List<BinanceOrderState>> ListOpenAsync(Instrument instrument, CancellationToken token)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, BinanceLiveGateway.OpenOrdersPath, BinanceOrderParameters.Symbol(instrument.Symbol), 6,
            idempotent: true, token).ConfigureAwait(false);
        var states = new List<BinanceOrderState>();
        if (!response.IsSuccess || !BinanceResponseParser.TryParseOrders(response.Body, states))
            throw Failure($"GET {BinanceLiveGateway.OpenOrdersPath} {instrument.Symbol}", response);
        return states;
    }

    /// <summary>An engine-open order the venue does not list as working: how did it end?</summary>
    private async Task SettleClosedAsync(TrackedOrder o, LocalOpenOrder local, OrderStateReporter reporter, List<ReconciliationDifference> differences,
        CancellationToken token)
    {
        var parameters = o.ClientIdText is { } text
            ? BinanceOrderParameters.ByClientId(o.Instrument.Symbol, text)
            : BinanceOrderParameters.ByOrderId(o.Instrument.Symbol, o.VenueOrderId);
        using var response = await _client.SendAsync(HttpMethod.Get, BinanceLiveGateway.OrderPath, parameters, 4, idempotent: true, token).ConfigureAwait(false);
        if (response.IsSuccess && BinanceResponseParser.TryParseOrder(response.Body, out var s) && s.HasStatus)
        {
            var executedBefore = o.Executed;
            reporter.OnSnapshot(o, s);
            if (o.Executed > executedBefore)
                differences.Add(Difference(ReconciliationDifferenceKind.MissedFills, o, $"executed {executedBefore} → {o.Executed}"));
            differences.Add(Difference(o.State == TrackedOrderState.Done ? ReconciliationDifferenceKind.EndedAtVenue : ReconciliationDifferenceKind.NotAcknowledged,
                o, s.Status.ToString()));
            return;
        }
        if (BinanceResponseParser.TryParseError(response.Body, out var code, out _) && code == BinanceGatewayCodes.NoSuchOrder)
        {
            // Never acknowledged and no fills: it never got there (Rejected). Otherwise it is gone: Cancelled.
            var neverThere = local.VenueOrderId == 0 && local.Filled == 0;
            reporter.End(o, neverThere ? ExecutionReportKind.Rejected : ExecutionReportKind.Cancelled, BinanceGatewayCodes.NoSuchOrder);
            differences.Add(Difference(ReconciliationDifferenceKind.MissingAtVenue, o, neverThere ? "never reached the venue" : "no longer known to the venue"));
            return;
        }
        throw Failure($"GET {BinanceLiveGateway.OrderPath} {o.ClientIdText ?? o.VenueOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture)}", response);
    }

    private async Task<bool> CancelAtVenueAsync(TrackedOrder o, List<ReconciliationAction> actions, CancellationToken token)
    {
        using var response = await _client.SendAsync(HttpMethod.Delete, BinanceLiveGateway.OrderPath, BinanceOrderParameters.ByOrderId(o.Instrument.Symbol, o.VenueOrderId),
            1, idempotent: false, token).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            actions.Add(new ReconciliationAction(ReconciliationActionKind.CancelledAtVenue, o.Instrument.Id, o.ClientOrderId, o.VenueOrderId, ExecutionReportKind.None,
                o.Quantity - o.Executed, o.ClientIdText ?? ""));
            return true;
        }
        BinanceResponseParser.TryParseError(response.Body, out var code, out var message);
        _logger.LogWarning("Reconciliation: cancelling unknown order {OrderId} failed: HTTP {Status} {Code} ({Message})", o.VenueOrderId, (int)response.StatusCode, code, message);
        actions.Add(new ReconciliationAction(ReconciliationActionKind.CancelFailed, o.Instrument.Id, o.ClientOrderId, o.VenueOrderId, ExecutionReportKind.None,
            o.Quantity - o.Executed, $"HTTP {(int)response.StatusCode} {code} {message}"));
        return false;
    }

    private async Task ReadBalancesAsync(List<AssetBalance> balances, CancellationToken token)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, "/api/v3/account", "omitZeroBalances=true", 20, idempotent: true, token).ConfigureAwait(false);
        if (!response.IsSuccess || !BinanceResponseParser.TryParseBalances(response.Body, balances))
            throw Failure("GET /api/v3/account", response);
    }

    private static BinanceOrderState? Find(List<BinanceOrderState> states, TrackedOrder o)
    {
        foreach (var s in states)
        {
            if (o.ClientIdText is { } text ? string.Equals(s.ClientOrderId, text, StringComparison.Ordinal) : s.OrderId == o.VenueOrderId) return s;
        }
        return null;
    }

    /// <summary>The order as the engine knows it now, with the venue's totals as the baseline for later fills.</summary>
    private static LocalOpenOrder Baseline(TrackedOrder o, string? venueClientOrderId) =>
        new(o.ClientOrderId, o.Instrument.Id, o.Side, o.Type, o.Price, o.Quantity, o.Executed)
        {
            VenueOrderId = o.VenueOrderId,
            FilledNotional = o.QuoteMoney,
            LastTradeId = o.LastTradeId,
            VenueClientOrderId = venueClientOrderId,
        };

    private static ReconciliationDifference Difference(ReconciliationDifferenceKind kind, TrackedOrder o, string detail) =>
        new(kind, o.Instrument.Id, o.ClientOrderId, o.ClientIdText, o.VenueOrderId, detail);

    private static void Record(RecordingPublisher recording, int from, List<ReconciliationAction> actions, string detail = "")
    {
        for (var i = from; i < recording.Reports.Count; i++)
        {
            var r = recording.Reports[i];
            actions.Add(new ReconciliationAction(ReconciliationActionKind.Reported, r.InstrumentId, r.ClientOrderId, r.VenueOrderId, r.Kind,
                r.Kind == ExecutionReportKind.Fill ? r.Quantity : r.CumulativeQuantity, detail));
        }
    }

    private static InvalidOperationException Failure(string what, RestResponse response)
    {
        BinanceResponseParser.TryParseError(response.Body, out var code, out var message);
        return new InvalidOperationException($"Binance reconciliation failed: {what} answered HTTP {(int)response.StatusCode} {code} {message}".TrimEnd());
    }
}
