using System.Text.Json.Serialization;

namespace TBot.Host.History;

/// <summary>What one store of catalog days into PostgreSQL did (<c>tbot history store</c>, or fetch/import with
/// <c>--postgres</c>).</summary>
public sealed class HistoryStoreReport
{
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("days")] public List<HistoryStoreDay> Days { get; } = [];
    /// <summary>market_data rows written by this store (0 when everything was stored before).</summary>
    [JsonPropertyName("rows")] public long Rows { get; set; }
    [JsonPropertyName("store_seconds")] public double StoreSeconds { get; set; }
    /// <summary>Rows per second of the store itself (journal read, partitions, COPY, native candles, checkpoints), upkeep excluded.</summary>
    [JsonPropertyName("rows_per_sec")] public double RowsPerSecond { get; set; }
    [JsonPropertyName("upkeep_seconds")] public double UpkeepSeconds { get; set; }
    [JsonPropertyName("candles")] public string Candles { get; set; } = "";
    [JsonPropertyName("compressed_chunks")] public int CompressedChunks { get; set; }
    [JsonPropertyName("compression_note")] public string? CompressionNote { get; set; }
    [JsonPropertyName("analyzed")] public List<string> Analyzed { get; set; } = [];
}

public sealed class HistoryStoreDay
{
    [JsonPropertyName("venue")] public string Venue { get; set; } = "";
    [JsonPropertyName("symbol")] public string Symbol { get; set; } = "";
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";
    [JsonPropertyName("day")] public string Day { get; set; } = "";
    [JsonPropertyName("checkpoint")] public string Checkpoint { get; set; } = "";
    /// <summary>Journal position stored before this run (0: nothing).</summary>
    [JsonPropertyName("from_position")] public long FromPosition { get; set; }
    /// <summary>Journal position stored after it.</summary>
    [JsonPropertyName("to_position")] public long ToPosition { get; set; }
    [JsonPropertyName("rows")] public long Rows { get; set; }
}
