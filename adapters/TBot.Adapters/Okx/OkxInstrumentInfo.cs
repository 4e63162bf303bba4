namespace TBot.Adapters.Okx;

/// <summary>
/// One row of <c>GET /api/v5/public/instruments</c> (start-up metadata). Numeric fields stay as the venue's
/// strings; "" means not applicable. <see cref="State"/>: live, suspend, preopen, test, expired.
/// </summary>
public sealed record OkxInstrumentInfo(
    string InstId,
    string InstType,
    string BaseCcy,
    string QuoteCcy,
    string TickSize,
    string LotSize,
    string MinSize,
    string State)
{
    public bool IsLive => State == "live";
}
