using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using TBot.Adapters.Capture;
using TBot.Adapters.Connections;
using TBot.Adapters.Runtime;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Instruments;
using TBot.Engine.Validation;

namespace TBot.Adapters.Tests.Capture;

/// <summary>
/// <c>tbot record</c>'s recorder against the loopback simulator over real WebSockets and HTTP, checked with
/// <c>tbot check</c>'s checker; plus the capture file format round trip. Waits are bounded by record counts
/// with a generous safety timeout; nothing asserts on speed.
/// </summary>
public class CaptureRecorderTests
{
    private const int TargetRecords = 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(Venue.Binance, false)]
    [InlineData(Venue.Coinbase, true)]
    [InlineData(Venue.Okx, false)]
    public async Task Recording_the_simulator_gives_a_capture_that_checks_clean_with_live_books(Venue venue, bool gzip)
    {
        await using var simulator = new SimulatorHost(new SimulatorOptions { Port = 0, MessagesPerSecond = 2000, Registry = new InstrumentRegistry() });
        await simulator.StartAsync(TestContext.Current.CancellationToken);
        var e = simulator.Endpoints;
        var (endpoint, symbols) = venue switch
        {
            Venue.Binance => (new VenueEndpoint(venue, e.BinanceWebSocketBase, e.BinanceRestBase), new[] { "btcusdt", "ETHUSDT" }),
            Venue.Coinbase => (new VenueEndpoint(venue, e.CoinbaseAdvancedTradeWebSocket), new[] { "BTC-USD", "ETH-USD" }),
            _ => (new VenueEndpoint(venue, e.OkxPublicWebSocket), new[] { "BTC-USDT", "ETH-USDT" }),
        };
        var path = Path.Combine(Path.GetTempPath(), $"tbot-record-{VenueNames.Name(venue)}-{Guid.NewGuid():N}.jsonl" + (gzip ? ".gz" : ""));
        try
        {
            CaptureRecorder recorder;
            long returned;
            using (var writer = CaptureWriter.Create(path))
            {
                recorder = new CaptureRecorder(endpoint, symbols, null, writer, NullLogger.Instance);
                Assert.Equal(CaptureRecorder.DefaultChannels(venue), recorder.Channels);
                using var stop = new CancellationTokenSource(Patience);
                var run = recorder.RunAsync(stop.Token);
                var deadline = DateTime.UtcNow + Patience;
                while (DateTime.UtcNow < deadline && !run.IsCompleted
                       && (recorder.Records < TargetRecords || (venue == Venue.Binance && recorder.Snapshots < symbols.Length)))
                    await Task.Delay(20, TestContext.Current.CancellationToken);
                await stop.CancelAsync();
                returned = await run;
                Assert.Equal(recorder.Records, returned);
                Assert.Equal(returned, writer.Records);
            }

            Assert.True(returned >= TargetRecords, $"only {returned} records in {Patience.TotalSeconds} s");
            Assert.Equal(1, recorder.Connects);
            Assert.Equal(0, recorder.SkippedFrames);
            Assert.Equal(venue == Venue.Binance ? symbols.Length : 0, recorder.Snapshots);
            Assert.Equal(returned, recorder.Frames + recorder.Snapshots);

            // Every record carries a receive time, its source and the URL it came from.
            using (var reader = CaptureReader.Open(path))
            {
                long restRecords = 0;
                while (reader.TryRead(out var record))
                {
                    Assert.True(record.ReceiveTimeNs > 1_600_000_000_000_000_000L, "receive time is not unix ns");
                    var url = Encoding.UTF8.GetString(record.Url);
                    if (record.Source == CaptureSource.Rest)
                    {
                        restRecords++;
                        Assert.StartsWith(e.BinanceRestBase.AbsoluteUri.TrimEnd('/') + "/api/v3/depth?symbol=", url);
                        Assert.EndsWith("&limit=1000", url);
                    }
                    else
                    {
                        Assert.Equal(recorder.StreamUri.AbsoluteUri, url);
                    }
                }
                Assert.Equal(recorder.Snapshots, restRecords);
                Assert.Equal(0, reader.BadLines);
            }

            var report = CaptureChecker.Run(venue, path, new ValidationOptions(), NullLogger.Instance);
            Assert.Equal(returned, report.Read);
            Assert.Equal(0, report.BadLines);
            Assert.True(report.Accepted > 0, "nothing accepted");
            Assert.True(report.Control > 0, "no subscription acks or heartbeats recorded");
            Assert.Equal(0, report.Resyncs);
            // Binance: the snapshot is taken after the depth stream started (Binance's procedure), so the diffs that
            // arrived before it and that it already covers are dropped as duplicates when the buffer is spliced.
            // Nothing else may be refused from a clean simulator.
            foreach (var (reason, count) in report.Rejected)
                Assert.True(venue == Venue.Binance && reason == "duplicate", $"{VenueNames.Name(venue)}: {count} rejected as {reason}");
            foreach (var symbol in symbols)
            {
                var key = symbol.ToUpperInvariant() + "@" + VenueNames.Name(venue);
                Assert.True(report.Books.TryGetValue(key, out var top), $"no book for {key}: {string.Join(", ", report.Books.Keys)}");
                Assert.Equal("live", top.State);
                Assert.Equal("book", top.Source);
                Assert.NotNull(top.Bid);
                Assert.NotNull(top.Ask);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Recorder_reconnects_after_the_server_goes_away_and_takes_fresh_snapshots()
    {
        await using var simulator = new SimulatorHost(new SimulatorOptions { Port = 0, MessagesPerSecond = 2000, Registry = new InstrumentRegistry() });
        await simulator.StartAsync(TestContext.Current.CancellationToken);
        var e = simulator.Endpoints;
        using var stream = new MemoryStream();
        using var writer = new CaptureWriter(stream, gzip: false);
        var recorder = new CaptureRecorder(new VenueEndpoint(Venue.Binance, e.BinanceWebSocketBase, e.BinanceRestBase), ["BTCUSDT"], ["depth@100ms"], writer)
        {
            Backoff = new BackoffPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)),
        };
        using var stop = new CancellationTokenSource(Patience);
        var run = recorder.RunAsync(stop.Token);
        Assert.True(await Eventually(() => recorder.Snapshots >= 1 || run.IsCompleted), "no first snapshot");

        // Kill every simulator connection; the recorder must come back and snapshot again.
        simulator.Faults.InjectNext(FaultKind.DropConnection);
        Assert.True(await Eventually(() => (recorder.Connects >= 2 && recorder.Snapshots >= 2) || run.IsCompleted), "no reconnect with a fresh snapshot");
        await stop.CancelAsync();
        await run;
        Assert.True(recorder.Frames > 0);
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        return condition();
    }

    private static readonly string[] Payloads =
    [
        """{"msg":"he said \"hi\"","path":"C:\\temp\\x","nl":"line1\nline2\r\n","tab":"\t"}""",
        """{"u":"é € 😀 \u00e9 \ud83d\ude00","zh":"比特币"}""",
        "plain text with \"quotes\", a back\\slash and a real\nnewline",
        "",
        "{\"deep\":[1,2,{\"a\":null}],\"ctl\":\"\u0001\u001f\"}",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writer_and_reader_round_trip_awkward_payloads(bool gzip)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tbot-capture-{Guid.NewGuid():N}.jsonl" + (gzip ? ".gz" : ""));
        try
        {
            var payloads = Payloads.ToList();
            payloads.Add(new string('x', 200_000) + "\"\\é"); // bigger than the reader's initial buffers
            const string wsUrl = "wss://stream.example/stream?x=\"q\"&é";
            const string restUrl = "https://api.example/api/v3/depth?symbol=BTCUSDT&limit=1000";
            using (var writer = CaptureWriter.Create(path))
            {
                for (var i = 0; i < payloads.Count; i++)
                    writer.Write(1_700_000_000_000_000_000L + i, i % 2 == 0 ? CaptureSource.WebSocket : CaptureSource.Rest,
                        Encoding.UTF8.GetBytes(i % 2 == 0 ? wsUrl : restUrl), Encoding.UTF8.GetBytes(payloads[i]));
                Assert.Equal(payloads.Count, writer.Records);
            }

            if (!gzip)
            {
                // One record per line: newlines inside payloads are escaped.
                var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
                Assert.Equal(payloads.Count + 1, lines.Length);
                Assert.Equal("", lines[^1]);
            }

            using var reader = CaptureReader.Open(path);
            for (var i = 0; i < payloads.Count; i++)
            {
                Assert.True(reader.TryRead(out var record), $"record {i} missing");
                Assert.Equal(1_700_000_000_000_000_000L + i, record.ReceiveTimeNs);
                Assert.Equal(i % 2 == 0 ? CaptureSource.WebSocket : CaptureSource.Rest, record.Source);
                Assert.Equal(i % 2 == 0 ? wsUrl : restUrl, Encoding.UTF8.GetString(record.Url));
                Assert.Equal(payloads[i], Encoding.UTF8.GetString(record.Data));
            }
            Assert.False(reader.TryRead(out _));
            Assert.Equal(0, reader.BadLines);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reader_takes_a_file_of_raw_frames_one_per_line()
    {
        string[] frames =
        [
            """{"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT","p":"65000.01","q":"0.5","T":1700000000000}}""",
            """{"channel":"heartbeats","client_id":"","timestamp":"2024-01-01T00:00:00Z","sequence_num":1,"events":[]}""",
            "pong",
            """{"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"note":"é 😀 \"q\" \\"}]}""",
        ];
        var path = Path.Combine(Path.GetTempPath(), $"tbot-raw-{Guid.NewGuid():N}.txt");
        try
        {
            // CRLF line ends, a blank line and no newline at the end.
            File.WriteAllText(path, frames[0] + "\r\n" + frames[1] + "\n\n" + frames[2] + "\n" + frames[3], new UTF8Encoding(false));
            using var reader = CaptureReader.Open(path);
            foreach (var frame in frames)
            {
                Assert.True(reader.TryRead(out var record));
                Assert.Equal(0, record.ReceiveTimeNs);
                Assert.Equal(CaptureSource.WebSocket, record.Source);
                Assert.True(record.Url.IsEmpty);
                Assert.Equal(frame, Encoding.UTF8.GetString(record.Data));
            }
            Assert.False(reader.TryRead(out _));
            Assert.Equal(0, reader.BadLines);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
