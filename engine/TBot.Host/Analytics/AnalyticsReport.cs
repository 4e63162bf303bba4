namespace TBot.Host.Analytics;

// The JSON shape of `tbot analytics --json` and GET /api/analytics (snake_case names, see AnalyticsJson).
// Money and quantities are exact decimals; bps are rounded to 4 decimals; times are ISO 8601 UTC; latencies ns.

/// <summary>The whole analytics answer for one journal, window and bot filter.</summary>
public sealed record AnalyticsReport(
    JournalInfo Journal, WindowInfo Window, BotFilter? Bot, PnlSection Pnl, SlippageSection Slippage,
    FillRatioSection FillRatio, LatencySection Latency, RejectionSection Rejections);

/// <summary>What was read: the journal's id, the last position applied, records read, first and last record times.</summary>
public sealed record JournalInfo(string Id, long Position, long Records, string? FirstTime, string? LastTime, int OpenOrders);

public sealed record WindowInfo(string? From, string? To);

public sealed record BotFilter(int Id, string? Name);

public sealed record PnlRow(
    int? Bot, string? Name, string? Strategy, string? Instrument,
    decimal Realised, decimal Unrealised, decimal UnrealisedStart, decimal Fees, decimal Net, decimal Volume, long Fills, string? Position = null);

public sealed record PnlDayRow(string Day, int? Bot, string? Instrument, decimal Realised, decimal UnrealisedChange, decimal Fees, decimal Net, decimal Volume, long Fills);

public sealed record PnlSection(
    PnlRow Total, List<PnlRow> ByBot, List<PnlRow> ByStrategy, List<PnlRow> ByInstrument, List<PnlRow> ByBotInstrument,
    List<PnlDayRow> ByDay, List<PnlDayRow> ByDayBotInstrument);

public sealed record SlippageRow(
    int? Bot, string? Name, string? Instrument, long Fills, long NoMidOrders, long NoMidFills,
    double MeanBps, double MedianBps, double P95Bps, double WeightedBps, decimal Money, decimal Notional, string? MeanPrice);

public sealed record SlippageSection(SlippageRow Total, List<SlippageRow> ByBot, List<SlippageRow> ByInstrument, List<SlippageRow> ByBotInstrument, long UntrackedFills);

public sealed record FillRatioRow(
    int? Bot, string? Name, string? Instrument, string? Type, long Submitted, long WithFill, long FullyFilled,
    long Cancelled, long Rejected, long Expired, long Open, double FillRate, double FullFillRate,
    string? SubmittedQuantity, string? FilledQuantity, double? QuantityRatio);

public sealed record FillRatioSection(FillRatioRow Total, List<FillRatioRow> ByBot, List<FillRatioRow> ByInstrument, List<FillRatioRow> ByType, List<FillRatioRow> ByBotInstrumentType);

public sealed record BotLatencyRow(int Bot, string? Name, LatencyRow SubmitToAccepted, LatencyRow SubmitToFirstFill, LatencyRow CancelToCancelled);

public sealed record LatencySection(
    LatencyRow SubmitToAccepted, LatencyRow SubmitToFirstFill, LatencyRow CancelToCancelled, List<BotLatencyRow> ByBot,
    SortedDictionary<string, LatencyRow> Feed, SortedDictionary<string, LatencyRow>? Stages);

public sealed record RejectionRow(int? Bot, string? Name, string? Instrument, long Total, SortedDictionary<string, long> ByReason);

public sealed record KillSwitchRow(string Time, int Bot, string? Name, string Cause, decimal Pnl);

public sealed record RejectionSection(
    long Total, SortedDictionary<string, long> ByReason, List<RejectionRow> ByBot, List<RejectionRow> ByInstrument,
    long KillSwitchCount, List<KillSwitchRow> KillSwitches);
