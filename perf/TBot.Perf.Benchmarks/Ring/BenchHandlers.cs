using TBot.Engine.Ring;

namespace TBot.Perf.Benchmarks.Ring;

// Handlers do a little real work on every event (read, add, sometimes write the slot) so that nothing is
// optimised away, and check what upstream stages wrote so that a lost or reordered event fails the run.
// Count/Sum/Errors are plain fields: written by the processor thread only, read after it has been halted.

/// <summary>1P1C consumer: sums the values.</summary>
public sealed class SumHandler : IEventHandler<BenchEvent>
{
    public long Count;
    public long Sum;

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        Sum += evt.Value + evt.Aux;
        Count++;
    }
}

/// <summary>Chain stage A: Aux = 3 * Value.</summary>
public sealed class ScaleHandler : IEventHandler<BenchEvent>
{
    public long Count;

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        evt.Aux = evt.Value * 3;
        Count++;
    }
}

/// <summary>Chain stage B: checks A's write, then Aux += 1.</summary>
public sealed class IncrementHandler : IEventHandler<BenchEvent>
{
    public long Count;
    public long Errors;

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Aux != evt.Value * 3) Errors++;
        evt.Aux += 1;
        Count++;
    }
}

/// <summary>Chain stage C: checks B's write and sums.</summary>
public sealed class ChainSumHandler : IEventHandler<BenchEvent>
{
    public long Count;
    public long Errors;
    public long Sum;

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Aux != evt.Value * 3 + 1) Errors++;
        Sum += evt.Aux;
        Count++;
    }
}

/// <summary>Diamond A: Scaled = 3 * Value.</summary>
public sealed class DiamondScaleHandler : IEventHandler<DiamondEvent>
{
    public long Count;

    public void OnEvent(ref DiamondEvent evt, long sequence, bool endOfBatch)
    {
        evt.Scaled = evt.Value * 3;
        Count++;
    }
}

/// <summary>Diamond B: Left = Scaled + 1.</summary>
public sealed class DiamondLeftHandler : IEventHandler<DiamondEvent>
{
    public long Count;
    public long Errors;

    public void OnEvent(ref DiamondEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Scaled != evt.Value * 3) Errors++;
        evt.Left = evt.Scaled + 1;
        Count++;
    }
}

/// <summary>Diamond C: Right = Scaled + 2.</summary>
public sealed class DiamondRightHandler : IEventHandler<DiamondEvent>
{
    public long Count;
    public long Errors;

    public void OnEvent(ref DiamondEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Scaled != evt.Value * 3) Errors++;
        evt.Right = evt.Scaled + 2;
        Count++;
    }
}

/// <summary>Diamond D (the join): checks both branches and sums.</summary>
public sealed class DiamondJoinHandler : IEventHandler<DiamondEvent>
{
    public long Count;
    public long Errors;
    public long Sum;

    public void OnEvent(ref DiamondEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Left != evt.Scaled + 1 || evt.Right != evt.Scaled + 2) Errors++;
        Sum += evt.Left + evt.Right;
        Count++;
    }
}
