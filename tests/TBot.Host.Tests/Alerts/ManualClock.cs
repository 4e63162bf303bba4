namespace TBot.Host.Tests.Alerts;

/// <summary>A clock the test moves by hand (timers are not used: the test calls Tick itself).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
