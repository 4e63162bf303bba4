using System.CommandLine;
using TBot.Adapters.Simulator;
using TBot.Adapters.Simulator.Faults;

namespace TBot.Host.Commands;

/// <summary><c>tbot simulate</c>: serve the loopback exchange simulator until stopped.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "First port (Binance; Coinbase AT +1, Coinbase Exchange +2, OKX +3). 0 = ephemeral.", DefaultValueFactory = _ => 9001 };
        var rate = new Option<double>("--rate") { Description = "Messages per second across all connections.", DefaultValueFactory = _ => 2_000 };
        var faults = new Option<string[]>("--faults") { Description = "Fault rules, e.g. SequenceGap:every=500:venue=binance MalformedJson:p=0.001.", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<ulong>("--seed") { Description = "Random-walk seed (same seed, same markets).", DefaultValueFactory = _ => 42 };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (default: until Ctrl-C / SIGTERM)." };
        var command = new Command("simulate", "Serve Binance, Coinbase and OKX wire formats on 127.0.0.1 from a random-walk market, with optional fault injection.")
        {
            port, rate, faults, seed, duration,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rules = new List<FaultRule>();
            foreach (var text in parse.GetValue(faults) ?? [])
            {
                foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    try { rules.Add(FaultRule.Parse(part)); }
                    catch (Exception ex) when (ex is FormatException or ArgumentException)
                    {
                        Console.Error.WriteLine(ex.Message);
                        return 2;
                    }
                }
            }
            TimeSpan? runFor = null;
            if (parse.GetValue(duration) is { } d)
            {
                if (!DurationParser.TryParse(d, out var span))
                {
                    Console.Error.WriteLine($"--duration '{d}' is not a duration.");
                    return 2;
                }
                runFor = span;
            }
            await using var host = new SimulatorHost(new SimulatorOptions
            {
                Port = parse.GetValue(port),
                MessagesPerSecond = parse.GetValue(rate),
                Faults = rules,
                Seed = parse.GetValue(seed),
            });
            await host.StartAsync(cancellationToken);
            var e = host.Endpoints;
            Console.WriteLine($"binance ws        {e.BinanceWebSocketBase}  (/ws/<stream>, /stream?streams=...)");
            Console.WriteLine($"binance rest      {e.BinanceRestBase}");
            Console.WriteLine($"coinbase ws (AT)  {e.CoinbaseAdvancedTradeWebSocket}");
            Console.WriteLine($"coinbase ws (Ex)  {e.CoinbaseExchangeWebSocket}");
            Console.WriteLine($"okx ws            {e.OkxPublicWebSocket}");
            Console.WriteLine($"okx rest          {e.OkxRestBase}");
            Console.WriteLine($"instruments       {string.Join(", ", host.Registry.All.Select(i => i.Key))}");
            Console.WriteLine("serving until Ctrl-C");
            using var signal = new ShutdownSignal(runFor);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(signal.Token, cancellationToken);
            try { await Task.Delay(Timeout.Infinite, linked.Token); }
            catch (OperationCanceledException) { }
            await host.StopAsync(CancellationToken.None);
            Console.WriteLine($"sent {host.FramesSent} frames; faults: {host.FaultCounters}");
            return 0;
        });
        return command;
    }
}
