using TBot.Engine.Validation;

namespace TBot.Engine.Tests.Validation;

public class BoundedIdSetTests
{
    [Fact]
    public void Detects_duplicates_within_the_window_and_forgets_beyond_it()
    {
        var set = new BoundedIdSet(4);
        Assert.True(set.Add(10));
        Assert.False(set.Add(10));
        Assert.True(set.Add(11));
        Assert.True(set.Add(12));
        Assert.True(set.Add(13));
        Assert.True(set.Add(14)); // evicts 10
        Assert.False(set.Contains(10));
        Assert.True(set.Add(10));
        Assert.Equal(4, set.Count);
    }

    [Fact]
    public void Matches_a_reference_set_under_random_non_monotone_ids()
    {
        var rng = new Random(42);
        const int capacity = 64;
        var set = new BoundedIdSet(capacity);
        var window = new Queue<long>();
        var reference = new HashSet<long>();
        for (var i = 0; i < 200_000; i++)
        {
            // Small id space forces collisions, evictions and backward shifts.
            var id = rng.Next(0, 300) * 7919L - 1000;
            var expectedNew = !reference.Contains(id);
            Assert.Equal(expectedNew, set.Add(id));
            if (expectedNew)
            {
                if (window.Count == capacity) reference.Remove(window.Dequeue());
                window.Enqueue(id);
                reference.Add(id);
            }
        }
        foreach (var id in reference) Assert.True(set.Contains(id));
    }

    [Fact]
    public void Add_does_not_allocate()
    {
        var set = new BoundedIdSet(1024);
        for (var i = 0; i < 10_000; i++) set.Add(i);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++) set.Add(i * 31L);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
