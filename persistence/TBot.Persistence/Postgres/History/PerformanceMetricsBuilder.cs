using TBot.Engine.Journal;
using TBot.Persistence.Numerics;
using TBot.Persistence.Postgres.Warm;

namespace TBot.Persistence.Postgres.History;

/// <summary>Decisions → per-bot, per-minute metric contributions (<see cref="PerformanceMetricNames"/>). Pure. The
/// minute is the decision's engine time (the receive time of the event that caused it), so a replay of the
/// journal lands every decision in the same minute whenever it runs.</summary>
public sealed class PerformanceMetricsBuilder
{
    private readonly Dictionary<int, (JournalInstrument Instrument, string Pnl, string Position)> _instruments = [];

    public PerformanceMetricsBuilder(JournalManifest manifest)
    {
        foreach (var i in manifest.Instruments)
            _instruments[i.Id] = (i, PerformanceMetricNames.RealizedPnlOf(i), PerformanceMetricNames.PositionOf(i));
        InstrumentPnlMetrics = _instruments.Values.Select(v => v.Pnl).ToArray();
    }

    /// <summary>The per-instrument realised PnL metric names: the parts of the bot total.</summary>
    public IReadOnlyList<string> InstrumentPnlMetrics { get; }

    public void Add(PerformanceMetricsBatch batch, in DecisionRecord d, long position)
    {
        var minute = CandleRollup.MinuteOf(EngineTime.ToUtc(d.TimeNs));
        switch (d.Kind)
        {
            case DecisionKind.OrderSubmitted:
                Count(batch, d.BotId, PerformanceMetricNames.OrdersSubmitted, minute, position);
                break;
            case DecisionKind.RiskRejected:
                Count(batch, d.BotId, PerformanceMetricNames.RiskRejections, minute, position);
                break;
            case DecisionKind.CancelRequested:
                Count(batch, d.BotId, PerformanceMetricNames.CancelsRequested, minute, position);
                break;
            case DecisionKind.KillSwitch:
                Count(batch, d.BotId, PerformanceMetricNames.KillSwitches, minute, position);
                break;
            case DecisionKind.Fill:
            {
                if (!_instruments.TryGetValue(d.InstrumentId, out var i))
                    throw new InvalidDataException($"Journal record {position}: instrument {d.InstrumentId} is not in the journal's manifest.");
                Count(batch, d.BotId, PerformanceMetricNames.Fills, minute, position);
                // Fill records: Value1 = fee, Value2 = position after, Value3 = realised PnL on the instrument after.
                batch.Add(new MetricContribution(d.BotId, PerformanceMetricNames.Fees, minute, FixedPoint.ToDecimal(d.Value1, FixedPoint.MoneyScale),
                    MetricAggregation.Sum, position));
                batch.Add(new MetricContribution(d.BotId, i.Position, minute, FixedPoint.ToDecimal(d.Value2, i.Instrument.QuantityScale),
                    MetricAggregation.Last, position));
                batch.Add(new MetricContribution(d.BotId, i.Pnl, minute, FixedPoint.ToDecimal(d.Value3, FixedPoint.MoneyScale),
                    MetricAggregation.Last, position));
                break;
            }
            default:
                return; // status changes, ignored reports, control and reconciliation are not performance
        }
        batch.Decisions++;
    }

    private static void Count(PerformanceMetricsBatch batch, int bot, string metric, DateTime minute, long position) =>
        batch.Add(new MetricContribution(bot, metric, minute, 1m, MetricAggregation.Sum, position));
}
