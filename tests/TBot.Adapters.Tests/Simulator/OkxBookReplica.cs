using System.Text;
using System.Text.Json;
using TBot.Adapters.Simulator.Wire;
using TBot.Engine.Books;
using TBot.Engine.Numerics;

namespace TBot.Adapters.Tests.Simulator;

/// <summary>Test-side OKX book that keeps the exact strings received, to verify checksums per okx.md §4.5.</summary>
internal sealed class OkxBookReplica(int priceScale, int quantityScale)
{
    private readonly SortedDictionary<long, (string Px, string Sz)> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, (string Px, string Sz)> _asks = new();

    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
    }

    public void Apply(JsonElement data)
    {
        Apply(data.GetProperty("bids"), _bids);
        Apply(data.GetProperty("asks"), _asks);
    }

    private void Apply(JsonElement levels, SortedDictionary<long, (string, string)> side)
    {
        foreach (var l in levels.EnumerateArray())
        {
            Assert.Equal(4, l.GetArrayLength());
            Assert.Equal("0", l[2].GetString());
            var px = l[0].GetString()!;
            var sz = l[1].GetString()!;
            Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(px), priceScale, out var price));
            Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(sz), quantityScale, out var size));
            if (size == 0) side.Remove(price);
            else side[price] = (px, sz);
        }
    }

    /// <summary>The checksum string built from the received strings: bid0:ask0 interleaved over the top 25.</summary>
    public string ChecksumText()
    {
        var bids = _bids.Values.Take(25).ToList();
        var asks = _asks.Values.Take(25).ToList();
        var parts = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            if (i < bids.Count) parts.AddRange([bids[i].Px, bids[i].Sz]);
            if (i < asks.Count) parts.AddRange([asks[i].Px, asks[i].Sz]);
        }
        return string.Join(':', parts);
    }

    public int Checksum() => SimulatorCrc32.ComputeSigned(Encoding.ASCII.GetBytes(ChecksumText()));

    public OrderBook ToOrderBook()
    {
        var book = new OrderBook(0);
        foreach (var (p, v) in _bids) book.Bids.Set(p, Parse(v.Sz, quantityScale), 0, 0);
        foreach (var (p, v) in _asks) book.Asks.Set(p, Parse(v.Sz, quantityScale), 0, 0);
        return book;
    }

    private static long Parse(string s, int scale)
    {
        FixedPoint.TryParse(Encoding.ASCII.GetBytes(s), scale, out var v);
        return v;
    }
}
