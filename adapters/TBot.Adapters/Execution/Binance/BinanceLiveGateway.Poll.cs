using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>Polling working orders for fills and their end.</summary>
public sealed partial class BinanceLiveGateway
{
    /// <summary>
    /// Every <see cref="BinanceGatewayOptions.PollInterval"/>: one openOrders request per instrument with working
    /// orders (cheaper than a query per order, and not charged to the ORDERS budget); an order that rose in
    /// executedQty gets its fill; one missing from the list is queried once for how it ended.
    /// </summary>
    private async Task PollLoopAsync(CancellationToken token)
    {
        var byInstrument = new Dictionary<int, List<TrackedOrder>>();
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(_options.PollInterval, _time, token).ConfigureAwait(false);
                foreach (var list in byInstrument.Values) list.Clear();
                var nowTicks = _time.GetTimestamp();
                foreach (var (id, o) in _orders)
                {
                    if (o.State == TrackedOrderState.Done)
                    {
                        // Kept a while so a cancel racing the end finds it finished instead of asking the venue.
                        if (o.DoneSeenAt == 0) o.DoneSeenAt = nowTicks;
                        else if (_time.GetElapsedTime(o.DoneSeenAt, nowTicks) > DoneRetention) _orders.TryRemove(id, out _);
                        continue;
                    }
                    if (o.State != TrackedOrderState.Open) continue;
                    if (!byInstrument.TryGetValue(o.Instrument.Id, out var orders)) byInstrument[o.Instrument.Id] = orders = [];
                    orders.Add(o);
                }
                foreach (var orders in byInstrument.Values)
                {
                    if (orders.Count == 0) continue;
                    try
                    {
                        await PollInstrumentAsync(orders, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsTransportFailure(ex, token))
                    {
                        Stats.AddError();
                        _logger.LogWarning("Polling {Symbol} failed: {Error}", orders[0].Instrument.Symbol, ex.Message);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A bug must not stop polling for good: say so loudly and try again next round.
                        Stats.AddError();
                        _logger.LogError("Polling {Symbol} failed unexpectedly: {Error}", orders[0].Instrument.Symbol, ex.ToString());
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task PollInstrumentAsync(List<TrackedOrder> orders, CancellationToken token)
    {
        var symbol = orders[0].Instrument.Symbol;
        var states = new List<BinanceOrderState>();
        Stats.AddPoll();
        using (var response = await _client.SendAsync(HttpMethod.Get, OpenOrdersPath, BinanceOrderParameters.Symbol(symbol), OpenOrdersWeight, idempotent: true, token)
                   .ConfigureAwait(false))
        {
            if (!response.IsSuccess || !BinanceResponseParser.TryParseOrders(response.Body, states))
            {
                if (response.StatusCode is System.Net.HttpStatusCode.TooManyRequests or (System.Net.HttpStatusCode)418) Stats.AddRateLimited();
                else Stats.AddError();
                _logger.LogWarning("Polling {Symbol}: HTTP {Status}", symbol, (int)response.StatusCode);
                return;
            }
        }
        foreach (var o in orders)
        {
            if (!o.Gate.Wait(0)) continue; // a submit, cancel or settling query is on it right now
            try
            {
                if (o.State != TrackedOrderState.Open) continue;
                if (Find(states, o) is { } s) _reporter.OnSnapshot(o, s);
                else await QueryEndedAsync(o, token).ConfigureAwait(false);
            }
            finally
            {
                o.Gate.Release();
            }
        }
    }

    private static BinanceOrderState? Find(List<BinanceOrderState> states, TrackedOrder o)
    {
        foreach (var s in states)
        {
            if (o.ClientIdText is { } text ? string.Equals(s.ClientOrderId, text, StringComparison.Ordinal) : s.OrderId == o.VenueOrderId) return s;
        }
        return null;
    }

    /// <summary>An order that left the open list: how did it end (and what filled before)?</summary>
    private async Task QueryEndedAsync(TrackedOrder o, CancellationToken token)
    {
        Stats.AddPoll();
        using var response = await _client.SendAsync(HttpMethod.Get, OrderPath, IdParameters(o), QueryWeight, idempotent: true, token).ConfigureAwait(false);
        if (response.IsSuccess && BinanceResponseParser.TryParseOrder(response.Body, out var s) && s.HasStatus)
        {
            _reporter.OnSnapshot(o, s);
            return;
        }
        var hasCode = BinanceResponseParser.TryParseError(response.Body, out var code, out var message);
        if (hasCode && code == BinanceGatewayCodes.NoSuchOrder)
        {
            // Working a moment ago, now unknown to the venue: it is not working any more.
            _logger.LogWarning("Order {ClientId} vanished at the venue; reporting it cancelled", o.ClientIdText);
            _reporter.End(o, ExecutionReportKind.Cancelled, code);
            return;
        }
        Stats.AddError();
        _logger.LogWarning("Querying {ClientId}: HTTP {Status} code {Code} ({Message})", o.ClientIdText, (int)response.StatusCode, code, message);
    }
}
