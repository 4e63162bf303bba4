using TBot.Adapters.Connections;
using TBot.Adapters.Ingress;
using TBot.Engine.Instruments;
using TBot.Host.Http;

namespace TBot.Host.Dashboard;

/// <summary>
/// <c>venues</c> and <c>stats</c>, every <see cref="IntervalMs"/>: connection health from the counters <c>/health</c>
/// reads (single volatile words kept by the ingress thread and the connections), and the throughput and latency
/// sparklines (rates are differences between two samples). Runs on the feed's timer, never on a ring thread.
/// </summary>
public sealed class RunStatsSampler(DashboardFeed feed, RunView view)
{
    public const int IntervalMs = 1000;

    private readonly Dictionary<string, Series> _throughput = new(StringComparer.Ordinal);
    private readonly Series[] _latency = [.. LatencySampler.SeriesNames.Select(s => new Series(s.Name, s.Unit))];
    private readonly Dictionary<Venue, long> _lastAccepted = new();
    private long _lastRing = -1;
    private long? _lastMs;
    private readonly LatencySampler _latencySampler = new();

    /// <summary>Sample and publish when due at <paramref name="nowMs"/> (monotonic milliseconds).</summary>
    public void Tick(long nowMs)
    {
        if (view.Parts is not { } parts || nowMs - _lastMs < IntervalMs) return;
        var seconds = _lastMs is { } last ? (nowMs - last) / 1000.0 : 0;
        _lastMs = nowMs;
        var pipeline = parts.MarketData.Pipeline;
        var venues = new List<VenuePayload>();
        foreach (var venue in RunVenues.Of(parts.Registry))
        {
            var name = VenueNames.Name(venue);
            var connections = parts.MarketData.Connections.Where(c => c.Venue == venue)
                .Select(c => new ConnectionPayload(c.ConnectionId, c.State.ToString().ToLowerInvariant(), c.Stats.Connects)).ToList();
            var books = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var instrument in parts.Registry.All)
                if (instrument.Venue == venue && pipeline.Book(instrument.Id) is { } book) books[instrument.Key] = IngressReport.StateName(book.State);
            var stats = pipeline.Stats[(int)venue];
            var up = connections.Count > 0 && connections.All(c => c.State == "open");
            venues.Add(new VenuePayload(name, up ? "up" : "down", connections, stats.Reconnects, stats.Resyncs, stats.Accepted, stats.Rejected, books));
            Rate(name, "events/s", stats.Accepted, _lastAccepted.GetValueOrDefault(venue, -1), seconds);
            _lastAccepted[venue] = stats.Accepted;
        }
        feed.Publish("venues", new VenuesPayload(venues));

        var published = parts.Ring.Cursor + 1;
        Rate("ring", "events/s", published, _lastRing, seconds);
        _lastRing = published;
        var latency = _latencySampler.Sample(parts);
        for (var i = 0; i < _latency.Length && i < latency.Length; i++) _latency[i].Add(latency[i]);

        var session = parts.Session;
        feed.Publish("stats", new StatsPayload(
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), IntervalMs,
            Math.Round((DateTime.UtcNow - parts.StartedUtc).TotalSeconds, 1), view.Phase.ToString().ToLowerInvariant(),
            published, session.Core.Counters.Events - session.RebuiltEvents,
            [.. _throughput.Values.Select(s => s.ToPayload())], [.. _latency.Select(s => s.ToPayload())],
            feed.ClientCount, feed.Dropped));
    }

    // events/s between two samples; the first sample only sets the baseline.
    private void Rate(string name, string unit, long now, long before, double seconds)
    {
        if (!_throughput.TryGetValue(name, out var series)) _throughput[name] = series = new Series(name, unit);
        if (before >= 0 && seconds > 0) series.Add(Math.Round((now - before) / seconds, 1));
    }
}
