using TBot.Host.Telemetry;

namespace TBot.Host.Tests.Telemetry;

public class MetricsQueryTests
{
    private static readonly DateTime Now = new(2025, 11, 24, 16, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Defaults_are_the_last_hour_and_every_bot()
    {
        Assert.True(MetricsQuery.TryParse(null, null, null, Now, out var q, out _));
        Assert.Equal((Now.AddHours(-1), Now, (int?)null), (q.FromUtc, q.ToUtc, q.BotId));
    }

    [Theory]
    [InlineData("2025-11-24T15:00:00Z", "2025-11-24T16:00:00Z", "1", 15, 16, 1)]
    [InlineData("2025-11-24T17:00:00+02:00", "1764000000", "2:mm-ethusdt", 15, 16, 2)]
    [InlineData("2025-11-24 15:00", null, "7", 15, 16, 7)]
    public void Times_are_ISO_8601_or_Unix_seconds_and_bots_an_id_or_id_name(string from, string? to, string bot, int fromHour, int toHour, int botId)
    {
        Assert.True(MetricsQuery.TryParse(from, to, bot, Now, out var q, out var error), error);
        Assert.Equal(fromHour, q.FromUtc.Hour);
        Assert.Equal(DateTimeKind.Utc, q.FromUtc.Kind);
        Assert.Equal(toHour, q.ToUtc.Hour);
        Assert.Equal(botId, q.BotId);
    }

    [Theory]
    [InlineData("yesterday", null, null, "from")]
    [InlineData(null, "soon", null, "to")]
    [InlineData("2025-11-24T16:00:00Z", "2025-11-24T15:00:00Z", null, "before")]
    [InlineData("2025-01-01T00:00:00Z", "2025-11-24T15:00:00Z", null, "31 days")]
    [InlineData(null, null, "mm", "bot")]
    [InlineData(null, null, "0", "bot")]
    [InlineData(null, null, "-3", "bot")]
    public void Bad_parameters_are_refused_with_the_parameter_named(string? from, string? to, string? bot, string mentioned)
    {
        Assert.False(MetricsQuery.TryParse(from, to, bot, Now, out _, out var error));
        Assert.Contains(mentioned, error);
    }
}
