using TBot.Engine.Events;
using TBot.Engine.Orders;

namespace TBot.Engine.Execution.Paper;

/// <summary>Bar fill model for instruments whose data is closed candles only (FILL-MODEL.md "Bar data").</summary>
public sealed partial class PaperGateway
{
    /// <summary>Fill orders on <paramref name="instrumentId"/> with the bar model (its data is candles only). Start-up only.</summary>
    public void UseBarFills(int instrumentId) => _barInstrument[instrumentId] = true;

    private bool IsBarInstrument(int id) => (uint)id < (uint)_barInstrument.Length && _barInstrument[id];

    /// <summary>One closed bar: market orders fill at its open (decided before the bar opened) or close (decided
    /// mid-bar) ± slippage; limits fill when the bar trades through them; all fills share a fraction of the bar's
    /// volume; market and IOC remainders expire after their bar.</summary>
    private void MatchBar(in MarketEvent bar, long previousBarNs, IExecutionReportSink reports)
    {
        var id = bar.InstrumentId;
        var instrument = _instruments[id];
        var tick = instrument.TickSize > 0 ? instrument.TickSize : 1;
        var step = instrument.StepSize;
        var slip = _barSlippageTicks * tick;
        // No volume in the data: no cap.
        var left = bar.Volume > 0 ? (long)((Int128)bar.Volume * _barVolumeFractionBps / 10_000) : long.MaxValue;
        for (var i = 0; i < _restingCount; i++)
        {
            ref var o = ref _resting[i];
            if (o.InstrumentId != id || o.Remaining <= 0) continue;
            var seen = o.BarsSeen++;
            var atOpen = o.SubmittedNs <= previousBarNs; // decided before this bar opened
            var buy = o.Side == Side.Buy;
            if (o.Type == OrderType.Market)
            {
                var basis = atOpen ? bar.Open : bar.Price;
                var price = buy ? basis + slip : Math.Max(tick, basis - slip);
                FillBar(ref o, price, ref left, step, isMaker: false, reports);
                ExpireBarOrder(ref o, reports);
                continue;
            }
            // A limit decided mid-bar waits for the next bar: this bar's range may have happened before it.
            var first = atOpen ? seen == 0 : seen == 1;
            if (!atOpen && seen == 0) continue;
            var ioc = o.TimeInForce == TimeInForce.Ioc;
            if (first && (buy ? bar.Open <= o.Price : bar.Open >= o.Price))
                FillBar(ref o, bar.Open, ref left, step, isMaker: false, reports); // marketable on arrival: taker at the open
            else if (buy ? bar.Low <= o.Price : bar.High >= o.Price)
                FillBar(ref o, o.Price, ref left, step, isMaker: !ioc, reports);
            if (ioc) ExpireBarOrder(ref o, reports);
        }
    }

    private void FillBar(ref PaperOrder o, long price, ref long left, long step, bool isMaker, IExecutionReportSink reports)
    {
        var quantity = FloorToStep(Math.Min(o.Remaining, left), step);
        if (quantity <= 0 || price <= 0) return;
        left -= quantity;
        Fill(ref o, price, quantity, isMaker, reports);
    }

    /// <summary>Market and IOC orders live for one bar: what is left expires (removed by RemoveFilled via Remaining 0).</summary>
    private void ExpireBarOrder(ref PaperOrder o, IExecutionReportSink reports)
    {
        if (o.Remaining <= 0) return;
        Report(ExecutionReportKind.Expired, in o, 0, reports);
        o.Quantity = o.Filled; // nothing remains: dropped with the filled ones
    }
}
