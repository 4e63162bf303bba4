using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TBot.Engine.Instruments;

namespace TBot.Engine.Journal;

/// <summary>
/// <c>manifest.json</c>: what a journal is (id, schema, creation time), the instruments its events refer to,
/// and the run's configuration for replay (opaque to the journal). Written once at creation. Edge code.
/// </summary>
public sealed class JournalManifest
{
    public const int JournalIdLength = 8;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = JournalFormat.SchemaVersion;

    /// <summary>8 characters of [a-z0-9]; part of client order ids, so short.</summary>
    [JsonPropertyName("journalId")] public string JournalId { get; init; } = "";

    [JsonPropertyName("createdUtc")] public DateTime CreatedUtc { get; init; }

    [JsonPropertyName("instruments")] public IReadOnlyList<JournalInstrument> Instruments { get; init; } = [];

    /// <summary>The run's configuration, stored verbatim for replay.</summary>
    [JsonPropertyName("config")] public JsonElement? Config { get; init; }

    /// <summary>A manifest for a new journal with a fresh random id.</summary>
    public static JournalManifest Create(IEnumerable<Instrument> instruments, JsonElement? config = null, DateTime? createdUtc = null)
    {
        var list = new List<JournalInstrument>();
        foreach (var i in instruments) list.Add(JournalInstrument.From(i));
        return new JournalManifest
        {
            JournalId = NewJournalId(),
            CreatedUtc = createdUtc ?? DateTime.UtcNow,
            Instruments = list,
            Config = config?.Clone(),
        };
    }

    public static string NewJournalId() =>
        string.Create(JournalIdLength, 0, static (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = IdAlphabet[RandomNumberGenerator.GetInt32(IdAlphabet.Length)];
        });

    public static bool IsValidJournalId(string? id)
    {
        if (id is null || id.Length != JournalIdLength) return false;
        foreach (var c in id)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9'))) return false;
        return true;
    }

    public static string PathIn(string directory) => Path.Combine(directory, JournalFormat.ManifestFileName);

    /// <summary>Read <c>manifest.json</c> from a journal directory.</summary>
    public static JournalManifest Load(string directory)
    {
        var path = PathIn(directory);
        using var stream = File.OpenRead(path);
        var manifest = JsonSerializer.Deserialize<JournalManifest>(stream, Json)
            ?? throw new InvalidDataException($"{path}: empty manifest.");
        manifest.Validate(path);
        return manifest;
    }

    /// <summary>Write <c>manifest.json</c> atomically (temporary file, then rename).</summary>
    public void Save(string directory)
    {
        Validate(PathIn(directory));
        Directory.CreateDirectory(directory);
        var path = PathIn(directory);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>An instrument registry with the manifest's instruments at their recorded ids (for replay).</summary>
    public InstrumentRegistry BuildRegistry()
    {
        var registry = new InstrumentRegistry();
        var ordered = new List<JournalInstrument>(Instruments);
        ordered.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var i in ordered)
        {
            if (!VenueNames.TryParse(i.Venue, out var venue)) throw new InvalidDataException($"Instrument {i.Id}: unknown venue '{i.Venue}'.");
            var added = registry.Add(venue, i.Symbol, i.PriceScale, i.QuantityScale, i.TickSize, i.StepSize);
            if (added.Id != i.Id)
                throw new InvalidDataException($"Instrument {i.Symbol}@{i.Venue} has id {i.Id} in the manifest; ids must be 1..n without gaps or repeats.");
        }
        return registry;
    }

    private void Validate(string path)
    {
        if (SchemaVersion != JournalFormat.SchemaVersion)
            throw new InvalidDataException($"{path}: schema version {SchemaVersion}; this build reads {JournalFormat.SchemaVersion}.");
        if (!IsValidJournalId(JournalId))
            throw new InvalidDataException($"{path}: journal id '{JournalId}' is not {JournalIdLength} characters of [a-z0-9].");
    }
}
