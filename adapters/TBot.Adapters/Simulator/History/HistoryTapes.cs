using System.Collections.Concurrent;
using TBot.Engine.Instruments;

namespace TBot.Adapters.Simulator.History;

/// <summary>The history tape of every simulated instrument, made on first use (thread-safe, no model lock needed).</summary>
public sealed class HistoryTapes(SimulatorOptions options)
{
    private readonly ConcurrentDictionary<(Venue, string), HistoryTape?> _tapes = new();

    /// <summary>The tape of <paramref name="symbol"/> on <paramref name="venue"/>, or null when the simulator does not list it.</summary>
    public HistoryTape? Find(Venue venue, string symbol) =>
        _tapes.GetOrAdd((venue, symbol), key =>
        {
            var spec = options.Instruments.FirstOrDefault(i => i.Venue == key.Item1 && i.Symbol == key.Item2);
            return spec is null ? null : new HistoryTape(options.Seed, spec, options.HistoryTradesPerMinute);
        });
}
