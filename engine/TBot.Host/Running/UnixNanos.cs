namespace TBot.Host.Running;

/// <summary>Wall-clock Unix nanoseconds (100 ns resolution), the time base of ring events' receive times.</summary>
public static class UnixNanos
{
    public static long Now() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
