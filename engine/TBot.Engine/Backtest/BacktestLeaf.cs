namespace TBot.Engine.Backtest;

/// <summary>
/// One journal directory of backtest input (a catalog leaf, or a journal written by <c>tbot run</c>).
/// <see cref="StartNs"/> is a lower bound of its event times (the catalog day's start, or 0 when unknown): the
/// merge opens a leaf only once the merged stream reaches it, so days that do not overlap are never open together.
/// <see cref="InstrumentMap"/> maps the leaf manifest's instrument ids to the backtest's registry (0 = not traded).
/// </summary>
public sealed record BacktestLeaf(string Directory, long StartNs, int[] InstrumentMap);
