using System.Diagnostics;
using System.Text.Json;

namespace TBot.Host.Tests;

/// <summary>
/// The trading core end to end through the real binary: runs on the built-in simulator with the sample bots on
/// the paper gateway, the journal written, replay reproducing the state hash, restarts continuing the journal,
/// and a kill -9 mid-run recovered.
/// </summary>
public class TradingRunTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    private static async Task<JsonElement> Run(string journal, string duration, params string[] extra)
    {
        var json = Temp("run.json");
        Assert.Equal(0, await Program.MainAsync(["run", "--duration", duration, "--journal", journal, "--json", json, .. extra]));
        return ReadJson(json);
    }

    /// <summary>A full replay made exactly the journal's decisions, every one of them.</summary>
    internal static void AssertEveryDecisionReproduced(JsonElement replay, long atLeast)
    {
        var d = replay.GetProperty("decisions");
        Assert.Null(d.GetProperty("first_mismatch").GetString());
        Assert.Equal(0, d.GetProperty("mismatches").GetInt64());
        Assert.Equal(0, d.GetProperty("missing").GetInt64());
        Assert.Equal(0, d.GetProperty("extra").GetInt64());
        Assert.True(d.GetProperty("verified").GetInt64() >= atLeast, $"verified {d.GetProperty("verified").GetInt64()} < {atLeast}");
    }

    private static async Task<JsonElement> Replay(string journal, params string[] extra)
    {
        var json = Temp("replay.json");
        Assert.Equal(0, await Program.MainAsync(["replay", "--journal", journal, "--json", json, .. extra]));
        return ReadJson(json);
    }

    [Fact]
    public async Task A_simulator_run_trades_with_the_sample_bots_and_replay_reproduces_its_state_hash()
    {
        var journal = Temp("journal");
        var run = await Run(journal, "8s", "--sim-rate", "3000");

        Assert.Equal(journal, run.GetProperty("journal").GetString());
        Assert.True(run.GetProperty("orders").GetInt64() > 0, "the sample bots placed orders");
        Assert.True(run.GetProperty("fills").GetInt64() > 0, "the paper gateway filled some");
        var hash = run.GetProperty("state_hash").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", hash);
        var pnl = run.GetProperty("pnl");
        Assert.Equal(3, pnl.EnumerateObject().Count());
        Assert.Equal(3, run.GetProperty("positions").EnumerateObject().Count());
        var info = run.GetProperty("journal_info");
        Assert.True(info.GetProperty("created").GetBoolean());
        Assert.Equal(run.GetProperty("ring").GetProperty("published").GetInt64(), info.GetProperty("events").GetInt64());
        Assert.True(info.GetProperty("decisions").GetInt64() > run.GetProperty("orders").GetInt64());
        Assert.Equal(0, info.GetProperty("decision_queue_overflows").GetInt64());

        var replay = await Replay(journal);
        Assert.Equal(hash, replay.GetProperty("state_hash").GetString());
        Assert.Equal(info.GetProperty("events").GetInt64(), replay.GetProperty("events").GetInt64());
        Assert.Equal(run.GetProperty("orders").GetInt64(), replay.GetProperty("orders").GetInt64());
        Assert.Equal(run.GetProperty("fills").GetInt64(), replay.GetProperty("fills").GetInt64());
        Assert.Equal(run.GetProperty("fills").GetInt64(), replay.GetProperty("journaled_fills").GetInt64());
        Assert.Equal(pnl.GetRawText(), replay.GetProperty("pnl").GetRawText());
        Assert.True(replay.GetProperty("events_per_sec").GetDouble() > 0);
        AssertEveryDecisionReproduced(replay, info.GetProperty("decisions").GetInt64());
        Assert.Equal(info.GetProperty("decisions").GetInt64(), replay.GetProperty("decisions").GetProperty("verified").GetInt64());

        // A partial replay is a different (earlier) state.
        var firstHalf = await Replay(journal, "--to", (ReadFirstEventTime(journal) + 2_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(firstHalf.GetProperty("events").GetInt64() < replay.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task Replay_under_other_rules_reports_the_first_different_decision_and_fails()
    {
        var journal = Temp("journal");
        var run = await Run(journal, "6s", "--sim-rate", "3000");
        Assert.True(run.GetProperty("orders").GetInt64() > 2);
        // Tamper with the rules stored in the manifest: the market maker may no longer have any order open.
        var manifest = Path.Combine(journal, "manifest.json");
        var text = File.ReadAllText(manifest);
        var tampered = System.Text.RegularExpressions.Regex.Replace(text, "\"max_open_orders\":\\s*4", "\"max_open_orders\": 1");
        Assert.NotEqual(text, tampered);
        File.WriteAllText(manifest, tampered);
        var json = Temp("replay.json");
        Assert.Equal(1, await Program.MainAsync(["replay", "--journal", journal, "--json", json]));
        var d = ReadJson(json).GetProperty("decisions");
        Assert.True(d.GetProperty("mismatches").GetInt64() + d.GetProperty("missing").GetInt64() + d.GetProperty("extra").GetInt64() > 0);
        Assert.Contains("journal", d.GetProperty("first_mismatch").GetString());
    }

    [Fact]
    public async Task A_restart_continues_the_journal_and_replay_of_both_runs_gives_the_second_runs_hash()
    {
        var journal = Temp("journal");
        var first = await Run(journal, "4s");
        var firstEvents = first.GetProperty("journal_info").GetProperty("events").GetInt64();
        var second = await Run(journal, "4s");
        var info = second.GetProperty("journal_info");
        Assert.False(info.GetProperty("created").GetBoolean());
        Assert.Equal(firstEvents, info.GetProperty("rebuilt_events").GetInt64());
        Assert.True(second.GetProperty("orders").GetInt64() >= first.GetProperty("orders").GetInt64(), "state carried over");

        var replay = await Replay(journal);
        Assert.Equal(second.GetProperty("state_hash").GetString(), replay.GetProperty("state_hash").GetString());
        AssertEveryDecisionReproduced(replay, first.GetProperty("journal_info").GetProperty("decisions").GetInt64() + info.GetProperty("decisions").GetInt64());
        Assert.Equal(firstEvents + info.GetProperty("events").GetInt64(), replay.GetProperty("events").GetInt64());
    }

    [Fact]
    public async Task A_journal_in_use_by_another_run_is_refused()
    {
        var journal = Temp("journal");
        var first = Program.MainAsync(["run", "--duration", "5s", "--journal", journal]);
        while (!File.Exists(Path.Combine(journal, "manifest.json")) && !first.IsCompleted) await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(2, await Program.MainAsync(["run", "--duration", "1s", "--journal", journal]));
        Assert.Equal(0, await first);
    }

    [Fact]
    public async Task A_journal_written_with_other_rules_is_not_continued()
    {
        var journal = Temp("journal");
        await Run(journal, "2s");
        var config = Temp("config.json");
        File.WriteAllText(config, """{ "venues": { "binance": { "instruments": [ { "symbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5 } ] } } }""");
        Assert.Equal(2, await Program.MainAsync(["run", "--config", config, "--journal", journal, "--duration", "1s", "--endpoint", "binance=ws://127.0.0.1:9"]));
    }

    [Fact]
    public async Task A_killed_run_recovers_its_journal_and_nothing_before_the_tear_is_lost()
    {
        var journal = Temp("journal");
        var tbot = Path.Combine(AppContext.BaseDirectory, "tbot.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", tbot, "run", "--journal", journal, "--duration", "120s", "--sim-rate", "3000"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var child = Process.Start(start)!)
        {
            child.OutputDataReceived += (_, _) => { };
            child.ErrorDataReceived += (_, _) => { };
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            // Wait until the child has journaled a good amount, then kill -9 mid-run.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((LastDecision(journal) is not { EventsBefore: > 2000 }) && DateTime.UtcNow < deadline && !child.HasExited)
                await Task.Delay(100, TestContext.Current.CancellationToken);
            Assert.False(child.HasExited, "the child should still be running");
            child.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        // Make the tail torn for certain (a kill may land between records), and tear it through the last decision
        // record: its event survives, its decision must be recomputed and written back on restart.
        var (segment, offset, _) = LastDecision(journal)!.Value;
        using (var f = new FileStream(segment, FileMode.Open)) f.SetLength(offset + 10);

        var before = CountRecords(journal, out var damage);
        Assert.NotEqual(TBot.Engine.Journal.JournalDamage.None, damage);
        Assert.Equal(TBot.Engine.Journal.JournalStatus.TornTail, TBot.Engine.Journal.JournalInspector.Inspect(journal).Status);
        Assert.Equal(0, await Program.MainAsync(["journal", "info", "--journal", journal]));
        var run = await Run(journal, "3s");
        var info = run.GetProperty("journal_info");
        Assert.NotEqual("none", info.GetProperty("tail_damage").GetString());
        Assert.True(info.GetProperty("bytes_dropped").GetInt64() > 0);
        Assert.True(info.GetProperty("rebuilt_events").GetInt64() > 1000);
        Assert.True(info.GetProperty("rebuilt_events").GetInt64() >= before.Events, $"rebuilt {info.GetProperty("rebuilt_events").GetInt64()}, counted {before.Events} events and {before.Decisions} decisions before");
        Assert.True(info.GetProperty("restored_decisions").GetInt32() >= 1, "the torn decision was recomputed and written back");
        Assert.Equal(0, info.GetProperty("rebuild_mismatches").GetInt64());

        var replay = await Replay(journal);
        Assert.Equal(run.GetProperty("state_hash").GetString(), replay.GetProperty("state_hash").GetString());
        Assert.Equal("none", replay.GetProperty("tail_damage").GetString());
        AssertEveryDecisionReproduced(replay, 1);
    }

    /// <summary>Segment file and offset of the last trading decision record (not a control command) in a (possibly
    /// still growing) journal.</summary>
    private static (string Segment, long Offset, long EventsBefore)? LastDecision(string dir)
    {
        if (!File.Exists(Path.Combine(dir, "manifest.json")) || JournalBytes(dir) == 0) return null;
        (string, long, long)? last = null;
        long events = 0;
        using var reader = TBot.Engine.Journal.JournalReader.Open(dir);
        while (reader.TryRead(out var r))
        {
            if (r.Type == TBot.Engine.Journal.JournalRecordType.Event) events++;
            else if (r.Type == TBot.Engine.Journal.JournalRecordType.Decision && r.Decision.Kind != TBot.Engine.Journal.DecisionKind.Control)
                last = (Path.Combine(dir, TBot.Engine.Journal.JournalFormat.SegmentFileName(r.Segment)), r.Offset, events);
        }
        return last;
    }

    private static long JournalBytes(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir, "*.tbj").Sum(f => new FileInfo(f).Length) : 0;

    private static (long Events, long Decisions) CountRecords(string dir, out TBot.Engine.Journal.JournalDamage damage)
    {
        using var reader = TBot.Engine.Journal.JournalReader.Open(dir);
        long events = 0, decisions = 0;
        while (reader.TryRead(out var r))
        {
            if (r.Type == TBot.Engine.Journal.JournalRecordType.Event) events++;
            else if (r.Type == TBot.Engine.Journal.JournalRecordType.Decision) decisions++;
        }
        damage = reader.TailDamage;
        return (events, decisions);
    }

    private static long ReadFirstEventTime(string dir)
    {
        using var reader = TBot.Engine.Journal.JournalReader.Open(dir);
        while (reader.TryRead(out var r))
            if (r.Type == TBot.Engine.Journal.JournalRecordType.Event) return r.Event.ReceiveTimeNs;
        return 0;
    }
}

/// <summary>Operator commands through <c>--control</c>: applied as ring events, journaled, replayed.</summary>
public class ControlFileTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task Pause_kill_and_risk_limit_changes_take_effect_while_running_and_replay_identically()
    {
        var journal = Temp("journal");
        var control = Temp("control.txt");
        File.WriteAllText(control, "pause 3\n"); // written before start: not applied
        var json = Temp("run.json");
        var run = Program.MainAsync(["run", "--duration", "6s", "--journal", journal, "--json", json, "--control", control]);
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        File.AppendAllText(control, "pause 1\nkill 2\nset 3 max_open_orders 1\nset 3 daily_loss_limit 123.5\nfly 1\n");
        Assert.Equal(0, await run);

        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var pnl = root.GetProperty("pnl");
        Assert.Equal("paused", pnl.GetProperty("1:mm-btcusdt").GetProperty("state").GetString());
        Assert.Equal("halted", pnl.GetProperty("2:mr-ethusdt").GetProperty("state").GetString());
        Assert.Equal("active", pnl.GetProperty("3:xv-btc").GetProperty("state").GetString());

        var limits = new List<(long Field, long Value)>();
        using (var reader = TBot.Engine.Journal.JournalReader.Open(journal))
            while (reader.TryRead(out var r))
                if (r.Type == TBot.Engine.Journal.JournalRecordType.Decision && r.Decision.Kind == TBot.Engine.Journal.DecisionKind.Control
                    && r.Decision.Reason == (byte)TBot.Engine.Trading.ControlCommand.SetRiskLimit && r.Decision.BotId == 3)
                    limits.Add((r.Decision.Quantity, r.Decision.Price));
        Assert.Equal([((long)TBot.Engine.Trading.RiskLimitField.MaxOpenOrders, 1L), ((long)TBot.Engine.Trading.RiskLimitField.DailyLossLimit, 12_350_000_000L)], limits);

        var replayJson = Temp("replay.json");
        Assert.Equal(0, await Program.MainAsync(["replay", "--journal", journal, "--json", replayJson]));
        var replay = JsonDocument.Parse(File.ReadAllText(replayJson)).RootElement;
        Assert.Equal(root.GetProperty("state_hash").GetString(), replay.GetProperty("state_hash").GetString());
        Assert.Equal(pnl.GetRawText(), replay.GetProperty("pnl").GetRawText());
        TradingRunTests.AssertEveryDecisionReproduced(replay, limits.Count);
    }

    [Theory]
    [InlineData("pause 1", true)]
    [InlineData("set 1 max_open_orders 2", true)]
    [InlineData("set 1 max_drawdown 10.25", true)]
    [InlineData("set 1 max_open_orders 2.5", false)]
    [InlineData("set 1 max_speed 2", false)]
    [InlineData("kill", false)]
    [InlineData("kill x", false)]
    [InlineData("resume 1 2", false)]
    public void Command_syntax(string line, bool ok) =>
        Assert.Equal(ok, TBot.Host.Running.ControlFile.TryParse(line, out _, out _, out _, out _, out _));
}

/// <summary>Fail closed: when the journal can no longer write, the run stops with an error instead of trading on
/// without a record.</summary>
public class FailClosedTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    [Fact]
    public async Task A_journal_that_cannot_write_stops_the_run_with_exit_code_3()
    {
        await using var sim = new TBot.Adapters.Simulator.SimulatorHost(new TBot.Adapters.Simulator.SimulatorOptions { MessagesPerSecond = 4000 });
        await sim.StartAsync(TestContext.Current.CancellationToken);
        var config = Temp("config.json");
        File.WriteAllText(config, $$"""
        {
          "venues": { "binance": { "endpoint": "{{sim.Endpoints.BinanceWebSocketBase}}", "rest": "{{sim.Endpoints.BinanceRestBase}}",
            "instruments": [ { "symbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "stepSize": "0.00001" } ] } },
          "journal": { "segmentMb": 1 }
        }
        """);
        var journal = Temp("journal");
        var json = Temp("run.json");
        var run = Program.MainAsync(["run", "--config", config, "--journal", journal, "--duration", "60s", "--json", json]);
        // Once the journal exists, take its directory away: the next segment cannot be created.
        while (!File.Exists(Path.Combine(journal, "manifest.json")) && !run.IsCompleted) await Task.Delay(50, TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Directory.Delete(journal, recursive: true);
        Assert.Equal(3, await run);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("fault").GetString()));
    }
}
