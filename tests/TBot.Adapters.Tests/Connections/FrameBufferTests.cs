using TBot.Adapters.Connections;

namespace TBot.Adapters.Tests.Connections;

public class FrameBufferTests
{
    [Fact]
    public void Grows_for_large_frames_and_keeps_the_bytes()
    {
        var pool = new FramePool(defaultLength: 1024);
        var buffer = new FrameBuffer(pool);
        var expected = new byte[10_000];
        new Random(7).NextBytes(expected);
        var written = 0;
        while (written < expected.Length)
        {
            var memory = buffer.GetFreeMemory(256);
            var n = Math.Min(300, Math.Min(memory.Length, expected.Length - written));
            expected.AsSpan(written, n).CopyTo(memory.Span);
            buffer.Advance(n);
            written += n;
        }
        Assert.True(pool.Grown >= 1);
        var bytes = buffer.Detach(out var length);
        Assert.Equal(expected.Length, length);
        Assert.Equal(expected, bytes.AsSpan(0, length).ToArray());
        Assert.Equal(0, buffer.Length);
        pool.Return(bytes);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Advance_past_the_buffer_is_refused_and_release_returns_it()
    {
        var pool = new FramePool(defaultLength: 64);
        var buffer = new FrameBuffer(pool);
        var memory = buffer.GetFreeMemory(16);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(memory.Length + 1));
        buffer.Advance(10);
        buffer.Reset();
        Assert.Equal(0, buffer.Length);
        buffer.Release();
        Assert.Equal(0, pool.Outstanding);
    }
}
