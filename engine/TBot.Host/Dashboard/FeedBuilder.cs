namespace TBot.Host.Dashboard;

/// <summary>
/// Builds the trading messages of the feed from the <see cref="DashboardProjection"/>, on the thread pool (a timer
/// calls <see cref="Tick"/>), never on a ring thread. Conflation: an instrument's <c>book</c> is published at most every
/// <see cref="BookIntervalMs"/> (~10/s) and only when it changed; <c>orders</c> at most every <see cref="TablesIntervalMs"/>
/// when they changed; <c>bots</c> every <see cref="TablesIntervalMs"/> (unrealised PnL moves with every mid). Whatever
/// happened between two publications is skipped: the next one carries the latest state.
/// </summary>
public sealed class FeedBuilder
{
    public const long BookIntervalMs = 100;
    public const long TablesIntervalMs = 250;
    public const int Depth = 10;
    public const int MaxOrders = 200;

    private readonly DashboardFeed _feed;
    private readonly DashboardProjection _projection;
    private readonly IReadOnlyList<(int Id, string Name, string Strategy)> _bots;
    private readonly int[] _ids;
    private readonly long[] _sent;
    private readonly Conflator _books;
    private readonly Conflator _tables = new(2, TablesIntervalMs);
    private long _ordersSent = -1;

    public FeedBuilder(DashboardFeed feed, DashboardProjection projection, IReadOnlyList<(int Id, string Name, string Strategy)> bots)
    {
        _feed = feed;
        _projection = projection;
        _bots = bots;
        _ids = [.. projection.InstrumentIds];
        _sent = Enumerable.Repeat(-1L, _ids.Length).ToArray();
        _books = new Conflator(_ids.Length, BookIntervalMs);
    }

    /// <summary>Publish what changed and is due at <paramref name="nowMs"/> (a monotonic clock in milliseconds).</summary>
    public void Tick(long nowMs)
    {
        for (var k = 0; k < _ids.Length; k++)
        {
            if (_projection.BookVersion(_ids[k]) == _sent[k] || !_books.TryPass(k, nowMs)) continue;
            if (_projection.Book(_ids[k], Depth, out var version) is not { } book) continue;
            _sent[k] = version;
            _feed.Publish("book", "book:" + book.Instrument, book);
        }
        var orders = _projection.OrdersVersion;
        if (orders != _ordersSent && _tables.TryPass(0, nowMs))
        {
            _ordersSent = orders;
            _feed.Publish("orders", _projection.Orders(MaxOrders));
        }
        if (_tables.TryPass(1, nowMs)) _feed.Publish("bots", _projection.Bots(_bots));
    }
}
