namespace TBot.Engine.Ring;

/// <summary>Padding sizes used to keep contended fields on their own cache lines.</summary>
internal static class Padding
{
    /// <summary>Bytes before and after a padded value. 56 + 8 + 56 covers a 128-byte line pair.</summary>
    public const int Bytes = 56;

    /// <summary>Extra ring slots kept unused at both ends of the entry array so that the first and last
    /// events never share a cache line with the array header or a neighbouring object.</summary>
    public static int RingSlots(int eventSize) => Math.Max(1, 128 / Math.Max(1, eventSize));
}
