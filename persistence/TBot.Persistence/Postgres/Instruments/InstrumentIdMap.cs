namespace TBot.Persistence.Postgres.Instruments;

/// <summary>
/// A journal's instrument ids (engine ids: registration order, local to the journal) → the database's
/// <c>instruments.instrument_id</c>. Made by <see cref="InstrumentRegistry.ResolveAsync"/> once per journal; the row
/// builders look every row's instrument up here, so rows of two journals that number the same instrument
/// differently land on one id.
/// </summary>
public sealed class InstrumentIdMap
{
    private readonly Dictionary<int, int> _ids;

    public InstrumentIdMap(IReadOnlyDictionary<int, int> engineToDatabase) => _ids = new Dictionary<int, int>(engineToDatabase);

    /// <summary>Every engine id stands for itself: only for pure row-building tests and tools that write no database
    /// other projections share.</summary>
    public static InstrumentIdMap Identity { get; } = new(new Dictionary<int, int>()) { IsIdentity = true };

    public bool IsIdentity { get; private init; }

    public IReadOnlyDictionary<int, int> Entries => _ids;

    /// <summary>The database id of engine instrument <paramref name="engineId"/>.</summary>
    public int ToDatabase(int engineId)
    {
        if (IsIdentity) return engineId;
        return _ids.TryGetValue(engineId, out var id) ? id
            : throw new InvalidDataException($"Instrument {engineId} is not in the journal's manifest, so it has no database id.");
    }
}
