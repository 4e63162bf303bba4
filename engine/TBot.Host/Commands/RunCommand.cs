using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Adapters.Runtime;
using TBot.Adapters.Simulator.Faults;
using TBot.Host.Http;
using TBot.Host.Running;
using TBot.Host.Stores;

namespace TBot.Host.Commands;

/// <summary><c>tbot run</c>: run the engine; with no configuration, against the in-process exchange simulator.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Configuration file (JSON: venues, endpoints, instruments, validation)." };
        var duration = new Option<string?>("--duration") { Description = "Stop cleanly after this long (e.g. 30s, 5m). Default: until Ctrl-C / SIGTERM." };
        var json = new Option<FileInfo?>("--json") { Description = "Write a run summary as JSON to this path." };
        var endpoints = new Option<string[]>("--endpoint") { Description = "venue=ws-url[,rest-url] per venue, e.g. binance=ws://127.0.0.1:9001.", AllowMultipleArgumentsPerToken = true };
        var rate = new Option<double>("--sim-rate") { Description = "Messages per second of the built-in simulator (embedded default only).", DefaultValueFactory = _ => 2_000 };
        var journal = new Option<string?>("--journal") { Description = $"Journal directory (created, or continued after a restart). Default: the configuration's journal.directory, else {EngineRun.DefaultJournalDirectory}." };
        var control = new Option<string?>("--control") { Description = "File of operator commands read while running (pause BOT, resume BOT, kill BOT, flatten BOT, cancel-all BOT, set BOT FIELD VALUE); lines appended after start apply." };
        var faults = new Option<string[]>("--sim-faults") { Description = "Faults for the built-in simulator, e.g. SequenceGap:every=500.", AllowMultipleArgumentsPerToken = true };
        var http = new Option<string?>("--http") { Description = $"Serve the dashboard (/, /ws), /health, /metrics and /api/ at ADDRESS:PORT (default 127.0.0.1:{HttpEndpointSettings.DefaultPort}; off: none). A non-loopback address needs --http-token." };
        var httpToken = new Option<string?>("--http-token") { Description = "Bearer token every HTTP request must send (Authorization: Bearer TOKEN); required off loopback." };
        var logFormat = new Option<string?>("--log-format") { Description = "Log lines (stderr) as text (default) or json (one object per line, with scopes). Default: the configuration's logging.format." };
        var alertWebhook = new Option<string?>("--alert-webhook") { Description = "POST each alert (venue disconnected, kill switch, projection lag, chain faulted) as JSON to this URL; overrides the configuration's alerts.webhook." };
        var stores = new StoreCliOptions();
        var command = new Command("run", "Run the engine. Without --config or --endpoint it starts the built-in exchange simulator on loopback and connects to it.")
        {
            config, duration, json, endpoints, rate, faults, journal, control, http, httpToken, logFormat, alertWebhook,
        };
        stores.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            var runFor = CommandInputs.Duration(parse.GetValue(duration), problems);
            var runConfig = CommandInputs.Config(parse.GetValue(config), problems);
            var eps = new List<VenueEndpoint>();
            foreach (var text in parse.GetValue(endpoints) ?? [])
            {
                try { eps.Add(VenueEndpoint.Parse(text)); }
                catch (FormatException ex) { problems.Add(ex.Message); }
            }
            if ((runConfig is null || runConfig.Venues.Count == 0) && eps.Count > 0) problems.Add("--endpoint needs --config to say which instruments to subscribe.");
            foreach (var ep in eps)
            {
                var name = TBot.Engine.Instruments.VenueNames.Name(ep.Venue);
                if (runConfig is not null && !runConfig.Venues.ContainsKey(name)) problems.Add($"--endpoint {name}=...: the configuration has no {name} venue (add its instruments there).");
            }
            var faultRules = new List<FaultRule>();
            foreach (var text in parse.GetValue(faults) ?? [])
            {
                try { faultRules.Add(FaultRule.Parse(text)); }
                catch (Exception ex) when (ex is FormatException or ArgumentException) { problems.Add(ex.Message); }
            }
            // Flags win over the configuration (appsettings.json < --config < TBOT_ variables).
            var httpSettings = HttpEndpointSettings.Resolve(parse.GetValue(http) ?? runConfig?.Http?.Address, parse.GetValue(httpToken) ?? runConfig?.Http?.Token, problems);
            var format = parse.GetValue(logFormat) ?? runConfig?.Logging.Format ?? Configuration.LoggingConfig.Text;
            if (format is not (Configuration.LoggingConfig.Text or Configuration.LoggingConfig.Json)) problems.Add($"--log-format {format}: expected text or json.");
            var storeSettings = stores.Resolve(parse, runConfig?.Stores);
            var alerts = runConfig?.Alerts ?? new TBot.Host.Alerts.AlertOptions();
            if (parse.GetValue(alertWebhook) is { } webhook)
            {
                alerts.Webhook = webhook;
                problems.AddRange(alerts.Problems());
            }
            problems.AddRange(storeSettings.Problems());
            if (problems.Count > 0)
            {
                foreach (var p in problems) Console.Error.WriteLine(p);
                return 2;
            }

            CliLogging.DefaultFormat = format;
            using var loggers = CliLogging.Create(LogLevel.Information, format);
            // Every line of this run carries it (JSON logs: "Scopes"); threads started inside inherit it.
            using var scope = loggers.CreateLogger("tbot").BeginScope(new Dictionary<string, object> { ["command"] = "run", ["pid"] = Environment.ProcessId });
            using var signal = new ShutdownSignal(runFor);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(signal.Token, cancellationToken);
            var view = new RunView();
            await using var server = httpSettings is null ? null : await StartHttpAsync(httpSettings, view, loggers.CreateLogger("tbot.http"), linked.Token);
            if (httpSettings is { IsDefault: false } && server is null) return 2;
            RunSummary summary;
            try
            {
                // The run is the Generic Host's hosted service; systemd readiness is one of the host's services.
                summary = await Hosting.EngineHost.RunAsync(new EngineRun.Settings(runConfig, eps, parse.GetValue(rate), faultRules) { JournalDirectory = parse.GetValue(journal), ControlFile = parse.GetValue(control), Stores = storeSettings, View = view, Alerts = alerts }, loggers, linked.Token);
            }
            catch (RunProblemsException ex)
            {
                foreach (var p in ex.Problems) Console.Error.WriteLine(p);
                return 2;
            }
            Print(summary);
            if (parse.GetValue(json) is { } path) CliJson.Write(path.FullName, summary);
            if (summary.Fault is { } fault)
            {
                Console.Error.WriteLine($"The run stopped on an error in the trading chain: {fault}");
                return 3;
            }
            if (summary.Shutdown is { Clean: false } shutdown)
            {
                Console.Error.WriteLine($"The stop was not clean: {(shutdown.RingDrained ? "" : "the ring did not drain; ")}{(shutdown.CancelsCompleted == false ? $"{shutdown.OpenOrdersAfter} order(s) still open after the cancel" : "")}");
                return UncleanStop;
            }
            return 0;
        });
        return command;
    }

    /// <summary>Exit code of a run whose graceful stop did not complete (ring not drained, or cancels not confirmed).</summary>
    public const int UncleanStop = 5;

    /// <summary>Start Kestrel for the run. An explicit <c>--http</c> that cannot be bound stops the run (null, reported);
    /// the default port taken (another run on this host) only costs the endpoints, with a warning.</summary>
    private static async Task<EngineHttpServer?> StartHttpAsync(HttpEndpointSettings settings, RunView view, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            var server = await EngineHttpServer.StartAsync(settings, view, cancellationToken);
            Console.WriteLine($"dashboard at {settings.BaseUrl}/, metrics at {settings.BaseUrl}/metrics, health at {settings.BaseUrl}/health");
            return server;
        }
        catch (IOException ex)
        {
            if (!settings.IsDefault)
            {
                Console.Error.WriteLine($"--http {settings.Endpoint}: cannot serve there: {ex.Message}");
                return null;
            }
            log.LogWarning("Not serving /health and /metrics: {Endpoint} is not available ({Reason}); pass --http 127.0.0.1:PORT, or --http off",
                settings.Endpoint, ex.Message);
            return null;
        }
    }

    private static void Print(RunSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"tbot run ({s.Source}) for {s.DurationSeconds:F1} s; ring published {s.Ring.Published}, processed {s.Ring.Processed}, avg batch {s.Ring.AverageBatch}"));
        Console.WriteLine("| venue | received | accepted | control | rejected | reconnects | resyncs |");
        Console.WriteLine("|-------|---------:|---------:|--------:|---------:|-----------:|--------:|");
        foreach (var (venue, v) in s.Venues)
        {
            long rejected = 0;
            foreach (var n in v.Rejected.Values) rejected += n;
            Console.WriteLine(string.Create(c, $"| {venue} | {v.Received} | {v.Accepted} | {v.Control} | {rejected} | {v.Reconnects} | {v.Resyncs} |"));
            foreach (var (reason, n) in v.Rejected) Console.WriteLine(string.Create(c, $"|   rejected: {reason} | | | | {n} | | |"));
        }
        Console.WriteLine();
        Console.WriteLine("| instrument | bid | ask | source | book |");
        Console.WriteLine("|------------|----:|----:|--------|------|");
        foreach (var (key, top) in s.Books) Console.WriteLine($"| {key} | {top.Bid ?? "-"} | {top.Ask ?? "-"} | {top.Source} | {top.State} |");
        if (s.Trading is { } t)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(c, $"trading: {t.Orders} orders, {t.Fills} fills, {t.OpenOrders} open, {t.KillSwitches} kill switches; state hash {t.StateHash}"));
            Console.WriteLine("| bot | state | realised | unrealised | fees | total | positions |");
            Console.WriteLine("|-----|-------|---------:|-----------:|-----:|------:|-----------|");
            foreach (var (bot, pnl) in t.Pnl)
            {
                var positions = t.Positions.TryGetValue(bot, out var p) ? string.Join(" ", p.Select(kv => $"{kv.Key}={kv.Value}")) : "";
                Console.WriteLine(string.Create(c, $"| {bot} | {pnl.State} | {pnl.Realised} | {pnl.Unrealised} | {pnl.Fees} | {pnl.Total} | {positions} |"));
            }
            if (t.RiskRejections.Count > 0) Console.WriteLine("risk: " + string.Join(", ", t.RiskRejections.Select(kv => $"{kv.Key}={kv.Value}")));
            if (t.ReportsIgnored.Count > 0) Console.WriteLine("reports ignored: " + string.Join(", ", t.ReportsIgnored.Select(kv => $"{kv.Key}={kv.Value}")));
        }
        if (s.Shutdown is { } sd)
            Console.WriteLine(string.Create(c, $"shutdown: open orders {sd.OpenOrdersPolicy}: {sd.OpenOrdersAtStop} open at stop, {sd.OpenOrdersAfter} after; ring drained {sd.RingDrained}; clean {sd.Clean}"));
        if (s.JournalInfo is { } j)
            Console.WriteLine(string.Create(c, $"journal {s.Journal} (id {j.Id}): {j.Events} events and {j.Decisions} decisions written this run, {j.RebuiltEvents} replayed at start, tail damage {j.TailDamage} ({j.BytesDropped} bytes dropped)"));
        foreach (var (name, p) in s.Projections)
            Console.WriteLine(string.Create(c, $"projection {name}: applied {p.Applied}, lag {p.LagEvents} events, {p.Failures} store errors retried{(p.LastError is { } e && p.LagEvents > 0 ? $" (last: {e})" : "")}"));
        if (s.Sync is { } sync)
            Console.WriteLine(string.Create(c, $"sync: {sync.PositionMessages} position and {sync.TradeMessages} trade messages from {sync.Peers.Count} other instance(s)"));
        if (s.SimulatorFaults is { Count: > 0 } f) Console.WriteLine("simulator faults injected: " + string.Join(", ", f.Select(kv => $"{kv.Key}={kv.Value}")));
    }
}
