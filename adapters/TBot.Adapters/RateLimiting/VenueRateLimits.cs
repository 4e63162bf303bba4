using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using TBot.Adapters.Binance;
using TBot.Engine.Instruments;

namespace TBot.Adapters.RateLimiting;

/// <summary>
/// A venue's budget with the gates the connection layer uses: WebSocket connection attempts, client messages
/// (subscribe/unsubscribe; per connection or per IP depending on the venue), and REST endpoints (by path).
/// Built by <see cref="RateLimitPresets"/>; thread-safe.
/// </summary>
public sealed class VenueRateLimits
{
    /// <summary>Binance reports the IP's used weight in headers named like this plus the interval, e.g. "1M".</summary>
    public const string BinanceUsedWeightHeaderPrefix = "X-MBX-USED-WEIGHT-";

    private readonly ConcurrentDictionary<string, RateGate> _rest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, RateGate> _messageGates = new();
    private readonly RateLimitRule _clientMessageRule;
    private readonly bool _clientMessagesPerConnection;
    private readonly RateGate? _sharedMessageGate;

    /// <param name="budget">The venue budget holding every rule the gates use.</param>
    /// <param name="connect">Gate for WebSocket connection attempts.</param>
    /// <param name="restDefault">Gate for REST paths without a mapping of their own.</param>
    /// <param name="clientMessageRule">Limit on client→server WebSocket messages.</param>
    /// <param name="clientMessagesPerConnection">True: each connection gets its own copy of the rule (Binance,
    /// OKX); false: one limit shared by all connections of the IP (Coinbase).</param>
    public VenueRateLimits(RateBudget budget, RateGate connect, RateGate restDefault, RateLimitRule clientMessageRule, bool clientMessagesPerConnection)
    {
        Budget = budget;
        Connect = connect;
        RestDefault = restDefault;
        _clientMessageRule = clientMessageRule;
        _clientMessagesPerConnection = clientMessagesPerConnection;
        if (!clientMessagesPerConnection)
        {
            budget.SetRule(clientMessageRule);
            _sharedMessageGate = budget.CreateGate("ws-messages", clientMessageRule.Name);
        }
    }

    public Venue Venue => Budget.Venue;

    public RateBudget Budget { get; }

    /// <summary>WebSocket connection attempts (per IP).</summary>
    public RateGate Connect { get; }

    /// <summary>REST requests to paths without a gate of their own.</summary>
    public RateGate RestDefault { get; }

    /// <summary>Use <paramref name="gate"/> for requests to <paramref name="path"/> (no query string).</summary>
    public void MapRest(string path, RateGate gate) => _rest[path] = gate;

    /// <summary>The gate for a REST path; a query string is ignored.</summary>
    public RateGate Rest(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?');
        var lookup = _rest.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(q < 0 ? pathAndQuery : pathAndQuery.AsSpan(0, q), out var gate) ? gate : RestDefault;
    }

    /// <summary>Every REST gate (the default first).</summary>
    public IReadOnlyList<RateGate> RestGates
    {
        get
        {
            var list = new List<RateGate> { RestDefault };
            foreach (var gate in _rest.Values)
                if (!list.Contains(gate)) list.Add(gate);
            return list;
        }
    }

    /// <summary>The client-message gate of connection <paramref name="connectionId"/> (created on first use).</summary>
    public RateGate ClientMessages(int connectionId)
    {
        if (_sharedMessageGate is not null) return _sharedMessageGate;
        return _messageGates.GetOrAdd(connectionId, static (id, self) =>
        {
            var rule = self._clientMessageRule with { Name = self._clientMessageRule.Name + "#" + id.ToString(CultureInfo.InvariantCulture) };
            self.Budget.SetRule(rule);
            return self.Budget.CreateGate("ws-messages#" + id.ToString(CultureInfo.InvariantCulture), rule.Name);
        }, this);
    }

    /// <summary>
    /// Feed usage the venue reports in response headers into the budget. Binance: <c>X-MBX-USED-WEIGHT-1M: 1234</c>
    /// raises the "REQUEST_WEIGHT:1M" limit to at least 1234 used (any interval suffix maps the same way).
    /// </summary>
    public void ObserveResponse(HttpResponseHeaders headers, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Venue != Venue.Binance) return;
        foreach (var header in headers)
        {
            if (!header.Key.StartsWith(BinanceUsedWeightHeaderPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var rule = "REQUEST_WEIGHT:" + header.Key[BinanceUsedWeightHeaderPrefix.Length..].ToUpperInvariant();
            foreach (var value in header.Value)
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var used) && Budget.HasRule(rule))
                    Budget.ObserveUsage(rule, used, nowNs);
        }
    }

    /// <summary>
    /// Take Binance's published limits (exchangeInfo <c>rateLimits</c>) over the preset numbers. Known names
    /// get new numbers; new REQUEST_WEIGHT / RAW_REQUESTS intervals are linked into every REST gate, new ORDERS
    /// intervals into the order gate. Returns the number of limits applied.
    /// </summary>
    public int ApplyBinanceRateLimits(IEnumerable<BinanceRateLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var applied = 0;
        foreach (var limit in limits)
        {
            if (limit.Window <= TimeSpan.Zero || limit.Limit < 1 || limit.IntervalNum < 1) continue;
            var name = RateLimitPresets.BinanceRuleName(limit.Type, limit.IntervalNum, limit.Interval);
            var kind = limit.Type == "REQUEST_WEIGHT" ? RateLimitKind.Weight : RateLimitKind.Count;
            var added = Budget.SetRule(RateLimitRule.Window(name, kind, limit.Limit, limit.Window));
            applied++;
            if (!added) continue;
            switch (limit.Type)
            {
                case "REQUEST_WEIGHT":
                case "RAW_REQUESTS":
                    foreach (var gate in RestGates) gate.Link(name);
                    break;
                case "ORDERS":
                    Rest(RateLimitPresets.BinanceOrderPath).Link(name);
                    break;
            }
        }
        return applied;
    }
}
