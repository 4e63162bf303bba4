namespace TBot.Adapters.Okx;

/// <summary>The public WebSocket channels the parser understands, grouped by how their data is shaped.</summary>
internal enum OkxChannel : byte
{
    Unknown = 0,
    /// <summary>books, books-l2-tbt, books50-l2-tbt: snapshot then incremental updates (prevSeqId/seqId/checksum).</summary>
    IncrementalBook,
    /// <summary>books5: a complete 5-level book on every push.</summary>
    Books5,
    /// <summary>bbo-tbt: top of book.</summary>
    BboTbt,
    Tickers,
    /// <summary>trades (and trades-all, same shape).</summary>
    Trades,
}

internal static class OkxChannels
{
    public static OkxChannel Classify(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("books"u8) || name.SequenceEqual("books-l2-tbt"u8) || name.SequenceEqual("books50-l2-tbt"u8))
            return OkxChannel.IncrementalBook;
        if (name.SequenceEqual("books5"u8)) return OkxChannel.Books5;
        if (name.SequenceEqual("bbo-tbt"u8)) return OkxChannel.BboTbt;
        if (name.SequenceEqual("tickers"u8)) return OkxChannel.Tickers;
        if (name.SequenceEqual("trades"u8) || name.SequenceEqual("trades-all"u8)) return OkxChannel.Trades;
        return OkxChannel.Unknown;
    }
}
