using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using TBot.Adapters.Connections;
using TBot.Engine.Instruments;
using TBot.Engine.Orders;

namespace TBot.Adapters.Execution.Binance;

/// <summary>The dispatcher (queue → write-ahead gate → requests), new orders, and settling lost answers.</summary>
public sealed partial class BinanceLiveGateway
{
    private async Task DispatchAsync(CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (!_queue.TryPeek(out var command))
                {
                    await _signal.WaitAsync().ConfigureAwait(false);
                    continue;
                }
                // Write-ahead: nothing leaves before the journal holds the event that caused it.
                if (_journalCommitted is { } journal && journal.Value < command.Sequence)
                {
                    if (!Stats.HeldByGate)
                    {
                        Stats.SetHeldByGate(true);
                        Stats.AddGateWait();
                    }
                    await Task.Delay(_options.GatePollInterval, _time, token).ConfigureAwait(false);
                    continue;
                }
                Stats.SetHeldByGate(false);
                _queue.Advance();
                try
                {
                    if (command.Kind == GatewayCommandKind.Submit) await StartSubmitAsync(command.Order, token).ConfigureAwait(false);
                    else if (command.Kind == GatewayCommandKind.Cancel) StartCancel(command.Order, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // A bug with one command must not stop the order flow: say so loudly and go on.
                    Stats.AddError();
                    _logger.LogCritical("Binance gateway could not dispatch {Kind} of order {Id}: {Error}", command.Kind, command.Order.ClientOrderId, ex.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task StartSubmitAsync(Order order, CancellationToken token)
    {
        if (!_registry.TryGet(order.InstrumentId, out var instrument) || instrument.Venue != Venue.Binance)
        {
            _logger.LogError("Order {Id} rejected: instrument {Instrument} is not a Binance instrument", order.ClientOrderId, order.InstrumentId);
            _reporter.RejectUnsent(in order, BinanceGatewayCodes.UnknownInstrument);
            return;
        }
        if (_orders.ContainsKey(order.ClientOrderId) || !_submitted.Add(order.ClientOrderId))
        {
            // Never two POSTs with one client id: the first one's outcome stands.
            Stats.AddDuplicateSubmit();
            _logger.LogError("Submit of client order id {Id} ignored: already sent", order.ClientOrderId);
            return;
        }
        var o = new TrackedOrder(order.ClientOrderId, ClientOrderIds.Format(_options.JournalTag, order.ClientOrderId), instrument, order.Side, order.Type,
            order.Price, order.Quantity);
        // Taken here, in queue order, so a cancel queued behind this submit waits for its answer.
        o.Gate.Wait(0);
        _orders[order.ClientOrderId] = o;
        await _inflight.WaitAsync(token).ConfigureAwait(false);
        Launch(() => SubmitAsync(o, order, token));
    }

    private async Task SubmitAsync(TrackedOrder o, Order order, CancellationToken token)
    {
        var unknown = false;
        try
        {
            unknown = await SendNewOrderAsync(o, order, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping mid-request: the outcome is for reconciliation at the next start.
        }
        catch (Exception ex)
        {
            // Unexpected (a bug): whether the POST left is unknown, so settle it by query like a lost answer.
            Stats.AddError();
            _logger.LogError("New order {ClientId} failed unexpectedly: {Error}", o.ClientIdText, ex.ToString());
            unknown = true;
        }
        finally
        {
            _inflight.Release();
        }
        try
        {
            if (unknown && !token.IsCancellationRequested)
            {
                o.State = TrackedOrderState.Unknown;
                await ResolveLostAsync(o, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        finally
        {
            o.Gate.Release();
        }
    }

    /// <summary>POST the order and report the answer. True when the outcome is unknown (no usable answer).</summary>
    private async Task<bool> SendNewOrderAsync(TrackedOrder o, Order order, CancellationToken token)
    {
        var parameters = BinanceOrderParameters.NewOrder(in order, o.Instrument, o.ClientIdText!);
        if (parameters is null)
        {
            _reporter.End(o, ExecutionReportKind.Rejected, BinanceGatewayCodes.Unsupported);
            _logger.LogWarning("Order {ClientId} rejected locally: {Side} {Type} {Tif} cannot be sent to Binance", o.ClientIdText, order.Side, order.Type, order.TimeInForce);
            return false;
        }
        var request = _client.Sign(parameters);
        o.SubmitTimestampMs = request.TimestampMs;
        Stats.AddSent();
        var started = Stopwatch.GetTimestamp();
        RestResponse response;
        try
        {
            response = await _client.SendAsync(HttpMethod.Post, OrderPath, request, NewOrderWeight, idempotent: false, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex, token))
        {
            Stats.AddLost();
            _logger.LogWarning("New order {ClientId}: no answer ({Error}); querying it instead of resending", o.ClientIdText, ex.Message);
            return true;
        }
        using (response)
        {
            Stats.AddLatency((long)Stopwatch.GetElapsedTime(started).Ticks * 100);
            return OnNewOrderAnswer(o, response);
        }
    }

    /// <summary>Report a new-order answer. True when it leaves the outcome unknown.</summary>
    private bool OnNewOrderAnswer(TrackedOrder o, RestResponse response)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccess)
        {
            if (BinanceResponseParser.TryParseOrder(response.Body, out var s) && s.HasStatus)
            {
                Stats.AddAcked();
                _reporter.OnNewOrderAnswer(o, s);
                return false;
            }
            Stats.AddError();
            _logger.LogWarning("New order {ClientId}: HTTP {Status} with an unreadable body; querying it", o.ClientIdText, status);
            return true;
        }
        var hasCode = BinanceResponseParser.TryParseError(response.Body, out var code, out var message);
        if (status >= 500 || (hasCode && code == BinanceGatewayCodes.BackendTimeout))
        {
            // Binance: 5xx and -1007 mean "execution status unknown".
            Stats.AddLost();
            _logger.LogWarning("New order {ClientId}: HTTP {Status} {Code} ({Message}), outcome unknown; querying it", o.ClientIdText, status, code, message);
            return true;
        }
        if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
        {
            // Refused by the rate limiter: not placed. The RestClient has put the venue budget in the penalty box.
            Stats.AddRateLimited();
            if (!hasCode) code = BinanceGatewayCodes.TooManyRequests;
        }
        else if (!hasCode)
        {
            code = -status;
        }
        if (code == BinanceGatewayCodes.InvalidTimestamp) _client.Clock.RequestSync();
        _logger.LogWarning("New order {ClientId} rejected: HTTP {Status} code {Code} ({Message})", o.ClientIdText, status, code, message);
        _reporter.End(o, ExecutionReportKind.Rejected, code);
        return false;
    }

    /// <summary>
    /// A new order whose answer was lost: query it by client id until the venue says how it stands. "Does not
    /// exist" is final only once the request's timestamp is older than recvWindow (plus a grace) by the server's
    /// clock, since the venue cannot accept it after that; then it is Rejected with -2013. Never resends.
    /// </summary>
    private async Task ResolveLostAsync(TrackedOrder o, CancellationToken token)
    {
        var backoff = new ExponentialBackoff(_options.LostOrderBackoff);
        var parameters = BinanceOrderParameters.ByClientId(o.Instrument.Symbol, o.ClientIdText!);
        var settleAfterMs = o.SubmitTimestampMs + _client.RecvWindowMs + (long)_options.LostOrderGrace.TotalMilliseconds;
        while (true)
        {
            await Task.Delay(backoff.Next(), _time, token).ConfigureAwait(false);
            RestResponse response;
            try
            {
                Stats.AddPoll();
                response = await _client.SendAsync(HttpMethod.Get, OrderPath, parameters, QueryWeight, idempotent: true, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportFailure(ex, token))
            {
                Stats.AddError();
                _logger.LogWarning("Settling order {ClientId}: query failed ({Error}); retrying", o.ClientIdText, ex.Message);
                continue;
            }
            using (response)
            {
                if (response.IsSuccess && BinanceResponseParser.TryParseOrder(response.Body, out var s) && s.HasStatus)
                {
                    Stats.AddAcked();
                    Stats.AddLostResolved();
                    _logger.LogInformation("Order {ClientId} settled by query: {Status}", o.ClientIdText, s.Status);
                    _reporter.OnSnapshot(o, s);
                    return;
                }
                var hasCode = BinanceResponseParser.TryParseError(response.Body, out var code, out var message);
                if (hasCode && code == BinanceGatewayCodes.NoSuchOrder)
                {
                    var waitMs = settleAfterMs - _client.Clock.NowMs;
                    if (waitMs <= 0)
                    {
                        Stats.AddLostResolved();
                        _logger.LogInformation("Order {ClientId} settled by query: never reached the venue", o.ClientIdText);
                        _reporter.End(o, ExecutionReportKind.Rejected, BinanceGatewayCodes.NoSuchOrder);
                        return;
                    }
                    // The request could still be accepted until then: ask again once it no longer can.
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _time, token).ConfigureAwait(false);
                    backoff.Reset();
                    continue;
                }
                if (response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418)
                {
                    // The budget's penalty box makes the next call wait for Retry-After.
                    Stats.AddRateLimited();
                    continue;
                }
                Stats.AddError();
                _logger.LogWarning("Settling order {ClientId}: HTTP {Status} code {Code} ({Message}); retrying", o.ClientIdText, (int)response.StatusCode, code, message);
            }
        }
    }
}
