using System.Text;
using System.Text.Json;
using TBot.Engine.Books;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Tests.Simulator;

/// <summary>Test-side book built from wire JSON (allocates freely; the real parsers live elsewhere).</summary>
internal sealed class BookReplica(int priceScale, int quantityScale)
{
    public OrderBook Book { get; } = new(0);

    public long Price(JsonElement text) => Parse(text, priceScale);

    public long Quantity(JsonElement text) => Parse(text, quantityScale);

    private static long Parse(JsonElement text, int scale)
    {
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text.GetString()!), scale, out var v), $"'{text}' not aligned to scale {scale}");
        return v;
    }

    /// <summary>Apply [[price, qty, ...], ...] to one side.</summary>
    public void Apply(JsonElement levels, bool bid)
    {
        foreach (var l in levels.EnumerateArray()) Book.SideOf(bid).Set(Price(l[0]), Quantity(l[1]), 0, 0);
    }

    public void Clear() => Book.Clear();
}
