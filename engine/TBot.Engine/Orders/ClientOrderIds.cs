namespace TBot.Engine.Orders;

/// <summary>
/// Client order ids are derived, never random: bot id in the high bits, the bot's running order counter in
/// the low 40 bits. The counter is rebuilt from the journal on restart, so a restarted engine continues the
/// same numbering and can never reuse an id that reached the venue.
/// </summary>
public static class ClientOrderIds
{
    private const int CounterBits = 40;
    private const long CounterMask = (1L << CounterBits) - 1;

    public static long Make(int botId, long counter) => ((long)botId << CounterBits) | (counter & CounterMask);

    public static int Bot(long clientOrderId) => (int)(clientOrderId >> CounterBits);

    public static long Counter(long clientOrderId) => clientOrderId & CounterMask;

    /// <summary>The venue-facing text: "tb" + journal tag + "-" + bot + "-" + counter (≤ 36 chars, Binance's
    /// <c>newClientOrderId</c> alphabet). Edge code: allocates.</summary>
    public static string Format(string journalTag, long clientOrderId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"tb{journalTag}-{Bot(clientOrderId)}-{Counter(clientOrderId)}");

    /// <summary>Parse <see cref="Format"/>'s text back (false for ids TBot did not make, or another journal's).</summary>
    public static bool TryParse(string journalTag, ReadOnlySpan<char> text, out long clientOrderId)
    {
        clientOrderId = 0;
        var prefix = "tb" + journalTag + "-";
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = text[prefix.Length..];
        var dash = rest.IndexOf('-');
        if (dash <= 0) return false;
        if (!int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bot)) return false;
        if (!long.TryParse(rest[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return false;
        clientOrderId = Make(bot, n);
        return true;
    }
}
