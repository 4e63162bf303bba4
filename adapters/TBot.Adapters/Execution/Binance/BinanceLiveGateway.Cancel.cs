using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>Cancels: DELETE by client id (or venue id for foreign orders), after the order's submit has been answered.</summary>
public sealed partial class BinanceLiveGateway
{
    private void StartCancel(Order order, CancellationToken token)
    {
        if (!_orders.TryGetValue(order.ClientOrderId, out var o))
        {
            // Not sent by this process (an order taken over from an earlier run) or already forgotten: cancel it by
            // the ids the engine has, measuring any last fills from the engine's own totals.
            var text = VenueClientId(order.ClientOrderId);
            if (!_registry.TryGet(order.InstrumentId, out var instrument) || instrument.Venue != Venue.Binance || (text is null && order.VenueOrderId == 0))
            {
                _logger.LogWarning("Cancel of order {Id} ignored: not a Binance order this gateway can identify", order.ClientOrderId);
                return;
            }
            var local = LocalOpenOrder.From(in order);
            var taken = TrackedOrder.FromLocal(in local, text, instrument);
            taken.Acknowledged = true;
            taken.State = TrackedOrderState.Open;
            o = _orders.GetOrAdd(order.ClientOrderId, taken);
        }
        Launch(() => CancelAsync(o, token));
    }

    private async Task CancelAsync(TrackedOrder o, CancellationToken token)
    {
        try
        {
            // After the order's submit (and any settling of a lost answer): a cancel never overtakes it.
            await o.Gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (o.State == TrackedOrderState.Done) return; // it ended first; the engine has (or will get) that report
                await _inflight.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    await SendCancelAsync(o, token).ConfigureAwait(false);
                }
                finally
                {
                    _inflight.Release();
                }
            }
            finally
            {
                o.Gate.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Stats.AddError();
            _logger.LogError("Cancel of {ClientId} failed unexpectedly: {Error}", o.ClientIdText ?? o.VenueOrderId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.ToString());
        }
    }

    private async Task SendCancelAsync(TrackedOrder o, CancellationToken token)
    {
        Stats.AddCancelSent();
        RestResponse response;
        try
        {
            response = await _client.SendAsync(HttpMethod.Delete, OrderPath, IdParameters(o), CancelWeight, idempotent: false, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex, token))
        {
            // Whether it was cancelled is for the poller to find out.
            Stats.AddError();
            _logger.LogWarning("Cancel of {ClientId}: no answer ({Error})", o.ClientIdText, ex.Message);
            return;
        }
        using (response)
        {
            if (response.IsSuccess && BinanceResponseParser.TryParseOrder(response.Body, out var s) && s.HasStatus)
            {
                _reporter.OnSnapshot(o, s); // last fills, then Cancelled
                return;
            }
            var hasCode = BinanceResponseParser.TryParseError(response.Body, out var code, out var message);
            if (hasCode && code is BinanceGatewayCodes.CancelRejected or BinanceGatewayCodes.NoSuchOrder)
            {
                // Already gone (filled or ended meanwhile): the poller reports how it ended.
                Stats.AddCancelUnknown();
                _logger.LogInformation("Cancel of {ClientId}: the venue no longer has it open ({Code})", o.ClientIdText, code);
                return;
            }
            if (code == BinanceGatewayCodes.InvalidTimestamp) _client.Clock.RequestSync();
            if (response.StatusCode is System.Net.HttpStatusCode.TooManyRequests or (System.Net.HttpStatusCode)418) Stats.AddRateLimited();
            else Stats.AddError();
            _logger.LogWarning("Cancel of {ClientId} failed: HTTP {Status} code {Code} ({Message})", o.ClientIdText, (int)response.StatusCode, code, message);
        }
    }

    private static string IdParameters(TrackedOrder o) => o.ClientIdText is { } text
        ? BinanceOrderParameters.ByClientId(o.Instrument.Symbol, text)
        : BinanceOrderParameters.ByOrderId(o.Instrument.Symbol, o.VenueOrderId);
}
