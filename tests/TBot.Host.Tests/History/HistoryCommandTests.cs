using System.Globalization;
using System.Text;
using System.Text.Json;
using TBot.Adapters.Capture;
using TBot.Adapters.History;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Numerics;
using TBot.Host.Tests.Http;

namespace TBot.Host.Tests.History;

/// <summary><c>tbot history fetch|import|export|status</c> as users run them (fetch against the embedded simulator).</summary>
public class HistoryCommandTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    /// <summary>Yesterday 22:30 → today-ish: a 2-hour past range across a UTC midnight.</summary>
    private static (string From, string To, DateOnly FirstDay) Range()
    {
        var midnight = DateTime.UtcNow.Date.AddDays(-1);
        var from = midnight.AddMinutes(-90);
        return (from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), from.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateOnly.FromDateTime(from));
    }

    private static List<(long TimeNs, MarketEvent Event)> Records(string root, string venue, string symbol, string kind)
    {
        var list = new List<(long, MarketEvent)>();
        var dir = Path.Combine(root, venue, symbol, kind);
        foreach (var day in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            using var reader = JournalReader.Open(day);
            while (reader.TryRead(out var r))
                if (r.Type == JournalRecordType.Event) list.Add((r.TimeNs, r.Event));
        }
        return list;
    }

    [Fact]
    public async Task Fetch_from_the_simulator_then_status_and_export_show_what_was_stored()
    {
        var (from, to, firstDay) = Range();
        var data = Temp("history");
        var json = Temp("fetch.json");
        Assert.Equal(0, await Program.MainAsync(["history", "fetch", "--venue", "binance", "--symbols", "BTCUSDT,ETHUSDT", "--from", from, "--to", to,
            "--simulator", "--out", data, "--json", json]));
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(2 * 2 * 3600, report.RootElement.GetProperty("records").GetInt64());
            Assert.Equal(4, report.RootElement.GetProperty("days").GetArrayLength());
            Assert.True(report.RootElement.GetProperty("records_per_sec").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("error").ValueKind);
        }
        var records = Records(data, "binance", "BTCUSDT", "trades");
        Assert.Equal(7200, records.Count);

        // status: one row per day, records and first/last times from the journals.
        await using (var status = ChildProcess.Tbot("history", "status", "--data", data))
        {
            Assert.Equal(0, await status.WaitAsync(TimeSpan.FromSeconds(60)));
            var text = status.Tail(100);
            Assert.Contains($"| binance | BTCUSDT | trades | {CatalogLayout.DayName(firstDay)} | 5400 | ", text, StringComparison.Ordinal);
            Assert.Contains($"| binance | ETHUSDT | trades | {CatalogLayout.DayName(firstDay.AddDays(1))} | 1800 | ", text, StringComparison.Ordinal);
        }
        await using (var statusJson = ChildProcess.Tbot("history", "status", "--data", data, "--json"))
        {
            Assert.Equal(0, await statusJson.WaitAsync(TimeSpan.FromSeconds(60)));
            using var doc = JsonDocument.Parse(statusJson.Tail(10_000));
            var rows = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.False(r.GetProperty("complete").GetBoolean()));
            Assert.All(rows, r => Assert.Equal(0, r.GetProperty("gaps").GetArrayLength()));
            Assert.Equal(7200, rows.Where(r => r.GetProperty("symbol").GetString() == "BTCUSDT").Sum(r => r.GetProperty("records").GetInt64()));
        }

        // export: a 10-minute window straddling midnight, decimal strings at the instrument's scale.
        var csv = Temp("trades.csv");
        var midnightNs = (long)(firstDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).Ticks * 100;
        var fromNs = midnightNs - 300_000_000_000;
        var toNs = midnightNs + 300_000_000_000;
        Assert.Equal(0, await Program.MainAsync(["history", "export", "--data", data, "--venue", "binance", "--symbol", "BTCUSDT", "--kind", "trades",
            "--from", fromNs.ToString(CultureInfo.InvariantCulture), "--to", toNs.ToString(CultureInfo.InvariantCulture), "--out", csv]));
        var lines = await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken);
        Assert.Equal("time,time_ns,venue,symbol,trade_id,side,price,quantity", lines[0]);
        var expected = records.Where(r => r.TimeNs >= fromNs && r.TimeNs < toNs).ToList();
        Assert.Equal(600, expected.Count);
        Assert.Equal(expected.Count, lines.Length - 1);
        for (var i = 0; i < expected.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            var e = expected[i].Event;
            Assert.Equal(expected[i].TimeNs.ToString(CultureInfo.InvariantCulture), cells[1]);
            Assert.Equal(e.TradeId.ToString(CultureInfo.InvariantCulture), cells[4]);
            Assert.Equal(FixedPoint.ToDecimalString(e.Price, 2), cells[6]);
            Assert.Equal(FixedPoint.ToDecimalString(e.Quantity, 5), cells[7]);
            Assert.Matches(@"^\d+(\.\d{1,2})?$", cells[6]);
        }
    }

    [Fact]
    public async Task A_fetch_cut_off_by_dropped_pages_resumes_on_rerun_to_the_same_records()
    {
        var (from, to, _) = Range();
        var clean = Temp("clean");
        var resumed = Temp("resumed");
        string[] common = ["history", "fetch", "--venue", "okx", "--symbols", "ETH-USDT", "--kind", "klines", "--from", from, "--to", to, "--simulator"];
        Assert.Equal(0, await Program.MainAsync([.. common, "--out", clean]));
        // Every 2nd history page is cut off mid-body and no retry is allowed: the first run stops part way (exit 1).
        Assert.Equal(1, await Program.MainAsync([.. common, "--out", resumed, "--sim-faults", "DropHistoryPage:every=2", "--retries", "0"]));
        var partial = Directory.Exists(Path.Combine(resumed, "okx")) ? Records(resumed, "okx", "ETH-USDT", "klines").Count : 0;
        Assert.True(partial < 120, $"{partial}");
        // The rerun, with a 429 on every 3rd request (Retry-After honoured), completes.
        Assert.Equal(0, await Program.MainAsync([.. common, "--out", resumed, "--sim-faults", "RateLimit429:every=3"]));
        var expected = Records(clean, "okx", "ETH-USDT", "klines");
        Assert.Equal(120, expected.Count);
        Assert.Equal(expected, Records(resumed, "okx", "ETH-USDT", "klines"));
    }

    internal static readonly long CaptureStartMs = new DateTimeOffset(2026, 5, 4, 23, 59, 58, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Binance trade frames of BTCUSDT (quantity 0.01) at <see cref="CaptureStartMs"/> + each offset, as
    /// <c>tbot record</c> writes them: the capture the import tests read.</summary>
    internal static void WriteTradeCapture(string path, params (long Id, string Price, long OffsetMs)[] trades)
    {
        using var writer = CaptureWriter.Create(path);
        foreach (var (id, price, offset) in trades)
        {
            var timeMs = CaptureStartMs + offset;
            var text = $$$"""{"stream":"btcusdt@trade","data":{"e":"trade","E":{{{timeMs}}},"s":"BTCUSDT","t":{{{id}}},"p":"{{{price}}}","q":"0.01000000","T":{{{timeMs}}},"m":false,"M":true}}""";
            writer.Write((timeMs + 1) * 1_000_000, CaptureSource.WebSocket, "wss://stream.binance.com:9443/stream?streams=btcusdt@trade"u8, Encoding.UTF8.GetBytes(text));
        }
    }

    [Fact]
    public async Task Import_turns_a_capture_into_catalog_days_through_live_validation()
    {
        var capture = Temp("capture.jsonl");
        var data = Temp("imported");
        WriteTradeCapture(capture,
            (1, "65000.00000000", 0),
            (2, "65001.00000000", 500),
            (2, "65001.00000000", 500),          // duplicate: dropped by live dedup
            (3, "65x01.00000000", 900),          // bad_number
            (4, "65002.00000000", 2_500));       // the next UTC day
        var json = Temp("import.json");
        Assert.Equal(0, await Program.MainAsync(["history", "import", "--venue", "binance", "--input", capture, "--out", data, "--json", json]));
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken)))
        {
            Assert.Equal(5, report.RootElement.GetProperty("read").GetInt64());
            Assert.Equal(3, report.RootElement.GetProperty("written").GetInt64());
            Assert.Equal(1, report.RootElement.GetProperty("rejected").GetProperty("duplicate").GetInt64());
            Assert.Equal(1, report.RootElement.GetProperty("rejected").GetProperty("bad_number").GetInt64());
        }
        var days = Directory.GetDirectories(Path.Combine(data, "binance", "BTCUSDT", "trades")).Select(d => Path.GetFileName(d)!).Order().ToArray();
        Assert.Equal(["2026-05-04", "2026-05-05"], days);
        var records = Records(data, "binance", "BTCUSDT", "trades");
        Assert.Equal([1L, 2, 4], records.Select(r => r.Event.TradeId));
        var t0 = CaptureStartMs;
        Assert.Equal([t0 * 1_000_000, (t0 + 500) * 1_000_000, (t0 + 2_500) * 1_000_000], records.Select(r => r.TimeNs));
        var info = CatalogDayInfo.FromConfig(JournalManifest.Load(Path.Combine(data, "binance", "BTCUSDT", "trades", "2026-05-04")).Config)!;
        Assert.Equal("import", info.Source);
        Assert.Equal(2, info.Stats["records"]);
    }

    [Theory]
    [InlineData("coinbase", "trades")]
    [InlineData("binance", "quotes")]
    public async Task Unusable_arguments_exit_2(string venue, string kind)
    {
        Assert.Equal(2, await Program.MainAsync(["history", "fetch", "--venue", venue, "--symbols", "X", "--kind", kind, "--from", "2026-01-01", "--to", "2026-01-02", "--simulator", "--out", Temp("none")]));
    }
}
