namespace TBot.Engine.Tests.Infrastructure;

/// <summary>A plain event: the producer writes its sequence and a payload derived from it.</summary>
public struct SeqEvent
{
    public long Sequence;
    public long Value;

    public static long PayloadFor(long sequence) => sequence * 7 + 3;
}

/// <summary>An event that records which pipeline stages have handled it (each stage writes the sequence into its marker).</summary>
public struct StageEvent
{
    public long Sequence;
    public long A;
    public long B;
    public long C;
    public long D;

    /// <summary>The marker of stage 0..3 (A..D), by reference.</summary>
    public static ref long Marker(ref StageEvent e, int stage)
    {
        switch (stage)
        {
            case 0: return ref e.A;
            case 1: return ref e.B;
            case 2: return ref e.C;
            case 3: return ref e.D;
            default: throw new ArgumentOutOfRangeException(nameof(stage));
        }
    }
}

/// <summary>An event written by one of several producer threads.</summary>
public struct ProducerEvent
{
    public long ProducerId;
    public long ProducerSequence;
}

/// <summary>The event of the allocation tests: a few long fields, like a small market-data tick.</summary>
public struct TickEvent
{
    public long Instrument;
    public long Price;
    public long Quantity;
    public long Timestamp;
    public long Checksum;
}
