namespace TBot.Persistence.Postgres.History;

/// <summary>How a minute's row combines the contributions of its decisions.</summary>
public enum MetricAggregation
{
    /// <summary>A counter or an amount: the minute's row is the sum (fills, fees, ...).</summary>
    Sum,
    /// <summary>A level: the minute's row is the value of its latest decision (position, realised PnL).</summary>
    Last,
}

/// <summary>What one decision adds to one bot's metric in one engine-time minute (UTC).</summary>
public readonly record struct MetricContribution(int BotId, string Metric, DateTime Minute, decimal Value, MetricAggregation Aggregation,
    long Position);
