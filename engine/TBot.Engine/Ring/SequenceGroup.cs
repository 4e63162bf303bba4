namespace TBot.Engine.Ring;

/// <summary>The minimum of a fixed set of sequences: what a consumer downstream of several others may read up to.</summary>
public sealed class SequenceGroup : ISequence
{
    private readonly Sequence[] _sequences;

    public SequenceGroup(Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Length == 0) throw new ArgumentException("A sequence group needs at least one sequence.", nameof(sequences));
        _sequences = (Sequence[])sequences.Clone();
    }

    public long Value => Minimum(_sequences, long.MaxValue);

    /// <summary>Smallest value among <paramref name="sequences"/>, or <paramref name="whenEmpty"/>.</summary>
    public static long Minimum(Sequence[] sequences, long whenEmpty)
    {
        var min = whenEmpty;
        for (var i = 0; i < sequences.Length; i++)
        {
            var v = sequences[i].Value;
            if (v < min) min = v;
        }
        return min;
    }
}
