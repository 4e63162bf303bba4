namespace TBot.Engine.Risk;

/// <summary>
/// A token bucket refilled from engine time with integer arithmetic only. Tokens are held in units of
/// 1/1e9 token, so <c>elapsedNs</c> at <c>r</c> tokens per second adds exactly <c>elapsedNs × r</c> units:
/// no rounding drift, and the same timestamps always give the same answers. Starts full at the first use;
/// a rate of 0 means unlimited.
/// </summary>
public struct TokenBucket
{
    /// <summary>Largest rate and burst accepted (keeps every product below 2^63).</summary>
    public const long MaxRate = 1_000_000_000;

    private const long UnitsPerToken = 1_000_000_000; // ns per second

    private long _ratePerSecond;
    private long _capacityUnits;
    private long _units;
    private long _lastNs;
    private bool _started;

    public TokenBucket(long ratePerSecond, long burst) => Configure(ratePerSecond, burst);

    public readonly long RatePerSecond => _ratePerSecond;

    /// <summary>Capacity in whole tokens.</summary>
    public readonly long Burst => _capacityUnits / UnitsPerToken;

    public readonly bool IsUnlimited => _ratePerSecond == 0;

    /// <summary>Set rate and burst (0 burst = one second's worth, at least 1). Tokens already earned are kept,
    /// clamped to the new burst, so a limit change neither refills nor drains the bucket.</summary>
    public void Configure(long ratePerSecond, long burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(burst);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratePerSecond, MaxRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(burst, MaxRate);
        // An unlimited bucket never tracked tokens: becoming limited starts it full.
        if (_ratePerSecond == 0) _started = false;
        _ratePerSecond = ratePerSecond;
        _capacityUnits = (burst == 0 ? Math.Max(1, ratePerSecond) : burst) * UnitsPerToken;
        if (_units > _capacityUnits) _units = _capacityUnits;
    }

    /// <summary>Take one token if there is one at <paramref name="nowNs"/> (engine time).</summary>
    public bool TryTake(long nowNs)
    {
        if (_ratePerSecond == 0) return true;
        Refill(nowNs);
        if (_units < UnitsPerToken) return false;
        _units -= UnitsPerToken;
        return true;
    }

    /// <summary>Whole tokens available at <paramref name="nowNs"/> (<see cref="long.MaxValue"/> when unlimited).</summary>
    public long Available(long nowNs)
    {
        if (_ratePerSecond == 0) return long.MaxValue;
        Refill(nowNs);
        return _units / UnitsPerToken;
    }

    private void Refill(long nowNs)
    {
        if (!_started)
        {
            _started = true;
            _units = _capacityUnits;
            _lastNs = nowNs;
            return;
        }
        var elapsed = nowNs - _lastNs;
        if (elapsed <= 0) return; // engine time does not run backwards; if it does, earn nothing
        _lastNs = nowNs;
        var missing = _capacityUnits - _units;
        // Compare before multiplying: after a long quiet spell elapsed × rate would overflow.
        if (elapsed >= (missing + _ratePerSecond - 1) / _ratePerSecond) _units = _capacityUnits;
        else _units += elapsed * _ratePerSecond;
    }
}
