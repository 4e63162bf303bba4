namespace TBot.Persistence.Postgres.History;

/// <summary>What <see cref="HistoryStoreUpkeep"/> did.</summary>
/// <param name="RefreshedRanges">TimescaleDB: day ranges whose candles_1m/1h were refreshed (native: 0, kept per batch).</param>
/// <param name="CompressedChunks">TimescaleDB: market_data chunks compressed now (native: 0).</param>
/// <param name="Analyzed">Tables, partitions or chunks ANALYZEd.</param>
/// <param name="CompressionNote">Native: why nothing is compressed.</param>
public sealed record HistoryUpkeepResult(int RefreshedRanges, int CompressedChunks, IReadOnlyList<string> Analyzed, string? CompressionNote);
