namespace TBot.Host.Telemetry;

/// <summary>One stored value: engine rows leave <see cref="BotId"/> null, bot rows (performance_metrics) set it.</summary>
public sealed record MetricRow(DateTime Time, int? BotId, string Metric, double Value);
