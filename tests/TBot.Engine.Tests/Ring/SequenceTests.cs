using TBot.Engine.Ring;
using TBot.Engine.Tests.Infrastructure;

namespace TBot.Engine.Tests.Ring;

public class SequenceTests
{
    [Fact]
    public void New_sequence_starts_before_the_first_slot()
    {
        Assert.Equal(-1, Sequence.InitialValue);
        Assert.Equal(Sequence.InitialValue, new Sequence().Value);
        Assert.Equal(41, new Sequence(41).Value);
    }

    [Fact]
    public void SetValue_and_SetValueVolatile_store_the_value()
    {
        var s = new Sequence();
        s.SetValue(10);
        Assert.Equal(10, s.Value);
        s.SetValueVolatile(20);
        Assert.Equal(20, s.Value);
        Assert.Equal("20", s.ToString());
    }

    [Fact]
    public void CompareAndSet_only_swaps_when_the_expected_value_matches()
    {
        var s = new Sequence(5);
        Assert.False(s.CompareAndSet(4, 100));
        Assert.Equal(5, s.Value);
        Assert.True(s.CompareAndSet(5, 6));
        Assert.Equal(6, s.Value);
    }

    [Fact]
    public void AddAndGet_returns_the_new_value()
    {
        var s = new Sequence();
        Assert.Equal(9, s.AddAndGet(10));
        Assert.Equal(4, s.AddAndGet(-5));
        Assert.Equal(4, s.Value);
    }

    [Fact]
    public void Concurrent_AddAndGet_and_CompareAndSet_lose_no_updates()
    {
        const int perThread = 200_000;
        var added = new Sequence(0);
        var cased = new Sequence(0);
        var workers = new Worker[2];
        for (var t = 0; t < workers.Length; t++)
        {
            workers[t] = new Worker($"seq-{t}", () =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    added.AddAndGet(1);
                    long current;
                    do current = cased.Value;
                    while (!cased.CompareAndSet(current, current + 1));
                }
            });
        }
        foreach (var w in workers) w.Join();
        Assert.Equal(2L * perThread, added.Value);
        Assert.Equal(2L * perThread, cased.Value);
    }

    [Fact]
    public void SequenceGroup_reports_the_minimum_and_follows_changes()
    {
        var x = new Sequence(10);
        var y = new Sequence(3);
        var z = new Sequence(7);
        var group = new SequenceGroup([x, y, z]);
        Assert.Equal(3, group.Value);
        y.SetValue(12);
        Assert.Equal(7, group.Value);
        z.SetValue(20);
        Assert.Equal(10, group.Value);
    }

    [Fact]
    public void SequenceGroup_copies_its_input_array()
    {
        var x = new Sequence(10);
        var array = new[] { x };
        var group = new SequenceGroup(array);
        array[0] = new Sequence(-5);
        Assert.Equal(10, group.Value);
    }

    [Fact]
    public void SequenceGroup_rejects_empty_and_null()
    {
        Assert.Throws<ArgumentException>(() => new SequenceGroup([]));
        Assert.Throws<ArgumentNullException>(() => new SequenceGroup(null!));
    }

    [Fact]
    public void Minimum_of_no_sequences_is_the_fallback()
    {
        Assert.Equal(42, SequenceGroup.Minimum([], 42));
        Assert.Equal(-1, SequenceGroup.Minimum([new Sequence(5), new Sequence()], 42));
    }
}
