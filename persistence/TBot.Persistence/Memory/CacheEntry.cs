namespace TBot.Persistence.Memory;

/// <summary>One stored value: the JSON as written (UTF-8) and the <see cref="TimeProvider"/> timestamp at which it
/// expires. Immutable and replaced as a whole on every SET, so a reader holding one never sees half of an update.
/// A class, not a record: expired entries are removed only if the dictionary still holds this very instance
/// (reference equality), which keeps a reader's purge from deleting a value the writer has just set again.</summary>
internal sealed class CacheEntry(byte[] utf8Json, long expiresAt)
{
    public byte[] Utf8Json { get; } = utf8Json;

    public long ExpiresAt { get; } = expiresAt;

    /// <summary>Gone at exactly its TTL: a key set at t with TTL d is readable before t + d and missing from t + d on.</summary>
    public bool IsExpired(long now) => now >= ExpiresAt;
}
