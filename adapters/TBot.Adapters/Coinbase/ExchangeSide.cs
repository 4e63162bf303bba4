using System.Text.Json;
using TBot.Engine.Validation;

namespace TBot.Adapters.Coinbase;

/// <summary>The Exchange feed's lower-case <c>side</c> words.</summary>
internal enum ExchangeSide : byte
{
    Absent = 0,
    Buy,
    Sell,
    /// <summary>Any other word: the message cannot be trusted.</summary>
    Invalid,
}

internal static class ExchangeSides
{
    /// <summary>Classify the value the reader is on ("buy"/"sell", case-sensitive).</summary>
    public static RejectReason Read(scoped ref Utf8JsonReader reader, out ExchangeSide side)
    {
        side = ExchangeSide.Absent;
        if (reader.TokenType == JsonTokenType.Null) return RejectReason.None;
        if (reader.TokenType != JsonTokenType.String) return RejectReason.WrongType;
        if (reader.ValueTextEquals("buy"u8)) side = ExchangeSide.Buy;
        else if (reader.ValueTextEquals("sell"u8)) side = ExchangeSide.Sell;
        else side = ExchangeSide.Invalid;
        return RejectReason.None;
    }
}
