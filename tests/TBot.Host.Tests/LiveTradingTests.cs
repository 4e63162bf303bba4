using System.Diagnostics;
using System.Text.Json;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;

namespace TBot.Host.Tests;

/// <summary>
/// Live mode against the simulator's signed Binance order endpoint: off unless enabled, and a crash between
/// submit and acknowledgement followed by a restart that reconciles and never sends an order twice.
/// </summary>
public class LiveTradingTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tbot-{Guid.NewGuid():N}-{name}");

    private static string Config(SimulatorHost sim, bool enabled)
    {
        var path = Temp("live.json");
        File.WriteAllText(path, $$"""
        {
          "venues": { "binance": { "endpoint": "{{sim.Endpoints.BinanceWebSocketBase}}", "rest": "{{sim.Endpoints.BinanceRestBase}}",
            "instruments": [ { "symbol": "BTCUSDT", "priceScale": 2, "quantityScale": 5, "tickSize": "0.01", "stepSize": "0.00001" } ] } },
          "bots": [ { "id": 1, "name": "mm", "strategy": "market-maker", "parameters": { "half_spread_bps": 5 } } ],
          "execution": { "mode": "live", "live": { "enabled": {{(enabled ? "true" : "false")}}, "pollMs": 200 } }
        }
        """);
        return path;
    }

    [Fact]
    public async Task Live_mode_stays_off_unless_enabled()
    {
        await using var sim = new SimulatorHost(new SimulatorOptions { MessagesPerSecond = 500 });
        await sim.StartAsync(TestContext.Current.CancellationToken);
        Environment.SetEnvironmentVariable("TBOT_BINANCE_API_KEY", "sim-api-key");
        Environment.SetEnvironmentVariable("TBOT_BINANCE_API_SECRET", "sim-api-secret");
        try
        {
            Assert.Equal(2, await Program.MainAsync(["run", "--config", Config(sim, enabled: false), "--journal", Temp("journal"), "--duration", "2s"]));
            Assert.Equal(0, sim.Orders.Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable("TBOT_BINANCE_API_KEY", null);
            Environment.SetEnvironmentVariable("TBOT_BINANCE_API_SECRET", null);
        }
        // Enabled but without keys: refused before anything connects.
        Assert.Equal(2, await Program.MainAsync(["run", "--config", Config(sim, enabled: true), "--journal", Temp("journal"), "--duration", "2s"]));
        Assert.Equal(0, sim.Orders.Count);
    }

    [Fact]
    public async Task A_crash_between_submit_and_acknowledgement_is_reconciled_on_restart_without_a_duplicate_order()
    {
        await using var sim = new SimulatorHost(new SimulatorOptions { MessagesPerSecond = 1000 });
        await sim.StartAsync(TestContext.Current.CancellationToken);
        var config = Config(sim, enabled: true);
        var journal = Temp("journal");
        // The venue takes the first two orders but their answers never arrive.
        sim.Faults.InjectNext(FaultKind.DropOrderResponse, Venue.Binance, times: 2);

        var tbot = Path.Combine(AppContext.BaseDirectory, "tbot.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", tbot, "run", "--config", config, "--journal", journal, "--duration", "120s"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TBOT_BINANCE_API_KEY"] = "sim-api-key";
        start.Environment["TBOT_BINANCE_API_SECRET"] = "sim-api-secret";
        using (var child = Process.Start(start)!)
        {
            child.OutputDataReceived += (_, _) => { };
            child.ErrorDataReceived += (_, _) => { };
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (sim.Orders.Count < 2 && DateTime.UtcNow < deadline && !child.HasExited) await Task.Delay(5, TestContext.Current.CancellationToken);
            Assert.False(child.HasExited, "the child should still be running");
            Assert.True(sim.Orders.Count >= 2, "the venue got the orders");
            child.Kill(entireProcessTree: true); // the answers were lost; now the process is gone too
            await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var tag = JournalManifest.Load(journal).JournalId;
        var beforeRestart = SubmittedIds(journal);
        Assert.True(beforeRestart.Count >= 2);

        Environment.SetEnvironmentVariable("TBOT_BINANCE_API_KEY", "sim-api-key");
        Environment.SetEnvironmentVariable("TBOT_BINANCE_API_SECRET", "sim-api-secret");
        JsonElement run;
        try
        {
            var json = Temp("run.json");
            Assert.Equal(0, await Program.MainAsync(["run", "--config", config, "--journal", journal, "--duration", "4s", "--json", json]));
            run = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        }
        finally
        {
            Environment.SetEnvironmentVariable("TBOT_BINANCE_API_KEY", null);
            Environment.SetEnvironmentVariable("TBOT_BINANCE_API_SECRET", null);
        }

        // Every order the engine ever submitted reached the venue at most once, the crashed ones exactly once.
        var all = SubmittedIds(journal);
        foreach (var id in all)
            Assert.True(sim.Orders.Submissions(ClientOrderIds.Format(tag, id)) <= 1, $"order {ClientOrderIds.Format(tag, id)} sent twice");
        foreach (var id in beforeRestart.Take(2))
            Assert.Equal(1, sim.Orders.Submissions(ClientOrderIds.Format(tag, id)));
        Assert.Equal(all.Count, all.Distinct().Count());

        // Reconciliation learned what became of them: nothing the engine believes is still "submitted".
        var live = run.GetProperty("live");
        Assert.NotEmpty(live.GetProperty("balances").EnumerateObject());
        Assert.Equal(0, run.GetProperty("trading").GetProperty("reports_ignored").EnumerateObject().Count(p => p.Name == "UnknownOrder"));
        var reconciledReports = CountReconciled(journal);
        Assert.True(reconciledReports > 0 || live.GetProperty("reconciliation_in_sync").GetBoolean(), "the restart reconciled the lost acknowledgements");

        // The journal of both runs (with the reconciliation reports in it) replays to the restarted run's state.
        var replayJson = Temp("replay.json");
        Assert.Equal(0, await Program.MainAsync(["replay", "--journal", journal, "--json", replayJson]));
        var replay = JsonDocument.Parse(File.ReadAllText(replayJson)).RootElement;
        Assert.Equal(run.GetProperty("state_hash").GetString(), replay.GetProperty("state_hash").GetString());
        TradingRunTests.AssertEveryDecisionReproduced(replay, all.Count);
    }

    private static List<long> SubmittedIds(string dir)
    {
        var ids = new List<long>();
        using var reader = JournalReader.Open(dir);
        while (reader.TryRead(out var r))
            if (r.Type == JournalRecordType.Decision && r.Decision.Kind == DecisionKind.OrderSubmitted) ids.Add(r.Decision.ClientOrderId);
        return ids;
    }

    private static int CountReconciled(string dir)
    {
        var n = 0;
        using var reader = JournalReader.Open(dir);
        while (reader.TryRead(out var r))
            if (r.Type == JournalRecordType.Event && r.Event.Has(TBot.Engine.Events.EventFlags.Reconciled)) n++;
        return n;
    }
}
