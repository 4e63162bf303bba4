namespace TBot.Host.Tests.Http;

internal static class Eventually
{
    /// <summary>Poll <paramref name="probe"/> until it returns a value, giving up after <paramref name="bound"/> (a bound
    /// on waiting, not a timing assertion) or when <paramref name="giveUp"/> says so; then fails with <paramref name="message"/>.</summary>
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan bound, Func<string> message, Func<bool>? giveUp = null) where T : class
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline || giveUp?.Invoke() == true) throw new Xunit.Sdk.XunitException(message());
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
