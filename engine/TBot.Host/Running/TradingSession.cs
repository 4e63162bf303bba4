using Microsoft.Extensions.Logging;
using TBot.Engine.Events;
using TBot.Engine.Instruments;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Ring;
using TBot.Engine.Trading;
using TBot.Host.Trading;

namespace TBot.Host.Running;

/// <summary>
/// The trading half of a run: opens (or creates) the journal and repairs its tail, rebuilds the trading core
/// from what the journal holds, then runs the core and the journal as the ring's chain (trading → journal, the
/// journal gating the producers). Control events (disable/enable trading) go through the ring so the journal
/// records exactly when trading was allowed.
/// </summary>
public sealed class TradingSession
{
    private readonly ILogger _log;
    private readonly SwitchableDecisionLog _decisions;

    private TradingSession(ILogger log, JournalWriter writer, JournalRecoveryReport recovery, TradingCore core, TradingProfile profile, SwitchableDecisionLog decisions)
    {
        _log = log;
        _decisions = decisions;
        Writer = writer;
        Recovery = recovery;
        Core = core;
        Profile = profile;
    }

    public JournalWriter Writer { get; }

    public JournalRecoveryReport Recovery { get; }

    public TradingCore Core { get; }

    public TradingProfile Profile { get; }

    /// <summary>The journal's ring handler; its <see cref="JournalHandler.Committed"/> gates live orders (write-ahead).</summary>
    public JournalHandler Journal { get; private set; } = null!;

    private DecisionQueue _queue = null!;

    /// <summary>Decisions that overflowed the preallocated queue (see <see cref="DecisionQueue"/>).</summary>
    public long DecisionQueueOverflows => _queue.Overflowed;

    public EventPipeline<MarketEvent>? Pipeline { get; private set; }

    /// <summary>Events replayed from the journal at start-up.</summary>
    public long RebuiltEvents { get; private set; }

    public string JournalTag => Writer.Manifest.JournalId;

    /// <summary>Open the journal in <paramref name="directory"/> (creating it for these instruments and rules, or
    /// checking that an existing one was written with the same ones) and build the core.</summary>
    public static TradingSession? Open(string directory, JournalOptions options, InstrumentRegistry registry, TradingProfile profile,
        ILoggerFactory loggers, List<string> problems, int ringSize)
    {
        var log = loggers.CreateLogger("tbot.trading");
        if (File.Exists(JournalManifest.PathIn(directory)))
        {
            var existing = JournalManifest.Load(directory);
            CheckSameInstruments(existing, registry, directory, problems);
            if (existing.Config is { } cfg && TradingProfile.FromJson(cfg) is { } old && !old.SameRules(profile))
                problems.Add($"journal {directory} was written with other bots, risk limits or execution settings; continue it with the same configuration or start a new --journal directory.");
            if (problems.Count > 0) return null;
        }
        var writer = JournalWriter.Open(options, JournalManifest.Create(registry.All, profile.ToJson()), out var recovery);
        if (recovery.Created) log.LogInformation("Journal {Directory}: created (id {Id})", directory, recovery.JournalId);
        else log.LogInformation("Journal {Directory}: {Recovery}", directory, recovery.ToString());
        if (recovery.TailRepaired) log.LogWarning("Journal tail repaired: {Damage}, {Bytes} bytes dropped after position {Position}", recovery.TailDamage, recovery.BytesDropped, recovery.LastGoodPosition);
        foreach (var e in recovery.Errors) log.LogError("Journal: {Error}", e);

        var decisions = new SwitchableDecisionLog();
        var core = TradingSetup.Build(profile, registry, decisions, null);
        var built = new TradingSession(log, writer, recovery, core, profile, decisions);
        // Live: rebuilt with nothing sent (the orders went out in earlier runs; their reports are journaled).
        built.Rebuild(directory);
        built._queue = new DecisionQueue(DecisionQueue.CapacityFor(ringSize, 4));
        built.Journal = new JournalHandler(writer, built._queue);
        return built;
    }

    private static void CheckSameInstruments(JournalManifest manifest, InstrumentRegistry registry, string directory, List<string> problems)
    {
        var journal = manifest.BuildRegistry();
        var same = journal.Count == registry.Count;
        for (var id = 1; same && id <= registry.Count; id++)
        {
            var a = journal[id];
            var b = registry[id];
            same = a.Venue == b.Venue && a.Symbol == b.Symbol && a.PriceScale == b.PriceScale && a.QuantityScale == b.QuantityScale;
        }
        if (!same)
            problems.Add($"journal {directory} holds other instruments ({string.Join(", ", journal.All.Select(i => i.Key))}) than this run ({string.Join(", ", registry.All.Select(i => i.Key))}); use another --journal directory.");
    }

    /// <summary>Feed every journaled event through the core (decisions are not re-journaled: they are there already).</summary>
    private void Rebuild(string directory)
    {
        _decisions.Target = NullDecisionLog.Instance;
        if (Recovery.Created) return;
        // The rebuild's decisions are checked against the journal's. Those past the journal's last one belong to
        // the last events before a crash whose decision records were torn off: they are written back, right after
        // those events, so the journal is whole again for replays and projections.
        using var verifier = new DecisionVerifier(directory, keepExtra: true);
        _decisions.Target = verifier;
        using var reader = JournalReader.Open(directory);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long seq = 0;
        while (reader.TryRead(out var record))
        {
            if (record.Type != JournalRecordType.Event) continue;
            Core.Process(in record.Event, seq++);
        }
        _decisions.Target = NullDecisionLog.Instance;
        RebuiltEvents = seq;
        RestoredDecisions = verifier.Unjournaled.Count;
        foreach (var d in verifier.Unjournaled) Writer.AppendDecision(in d);
        if (RestoredDecisions > 0)
        {
            Writer.Flush();
            _log.LogWarning("Journal: wrote back {Count} decisions of the last events before the crash (their records were in the torn tail)", RestoredDecisions);
        }
        if (verifier.FirstMismatch is { } mismatch)
            _log.LogError("Rebuilding from the journal decided differently from the recorded run ({Count} differences); first: {Mismatch}", verifier.Mismatches, mismatch);
        RebuildMismatches = verifier.Mismatches;
        if (seq > 0)
            _log.LogInformation("Rebuilt trading state from {Events} journaled events in {Seconds:F2} s ({Rate:N0} events/s): {Open} open orders, {Fills} fills",
                seq, clock.Elapsed.TotalSeconds, seq / Math.Max(1e-9, clock.Elapsed.TotalSeconds), Core.Orders.OpenOrders, Core.Orders.Counters.Fills);
    }

    /// <summary>Decisions written back after a torn tail (see <see cref="Rebuild"/>).</summary>
    public int RestoredDecisions { get; private set; }

    /// <summary>Rebuilt decisions that differ from the journaled ones (0 unless the trading logic changed).</summary>
    public long RebuildMismatches { get; private set; }

    /// <summary>Wire the core and the journal onto the ring and start them.</summary>
    /// <param name="latencies">When given, the queue, tick-to-intent, journal and fsync stages are timed (see
    /// <see cref="TBot.Engine.Metrics.StageLatencies"/>).</param>
    public void Start(RingBuffer<MarketEvent> ring, ILoggerFactory loggers, TBot.Engine.Metrics.StageLatencies? latencies = null)
    {
        _decisions.Target = _queue;
        // Fail closed: an exception in the trading handler (unknown state) or the journal (events no longer recorded)
        // halts the chain instead of skipping the event; the run then stops (see EngineRun's watchdog).
        Pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Name = "tbot", ExceptionPolicy = HandlerExceptionPolicy.Halt },
            loggers.CreateLogger("tbot.ring"));
        if (latencies is null) Pipeline.HandleEventsWith("trading", Core).Then("journal", Journal);
        else
        {
            Writer.FsyncLatency = latencies[TBot.Engine.Metrics.LatencyStage.Fsync];
            Pipeline.HandleEventsWith("trading", new TBot.Engine.Metrics.TimedTradingHandler(Core, latencies))
                .Then("journal", new TBot.Engine.Metrics.TimedJournalHandler(Journal, latencies));
        }
        Pipeline.Start();
    }

    /// <summary>The chain stopped on an exception (any thread may ask).</summary>
    public Exception? Fault
    {
        get
        {
            if (Pipeline is null || !Pipeline.IsFaulted) return null;
            foreach (var p in Pipeline.Processors)
                if (p.Fault is { } ex) return ex;
            return new InvalidOperationException("The trading chain faulted.");
        }
    }

    /// <summary>Publish a control event into the ring (any thread); returns its ring sequence (the journaled
    /// Control decision carries it). <paramref name="nowNs"/> 0: stamped now.</summary>
    public static long Publish(RingBuffer<MarketEvent> ring, ControlCommand command, int botId = 0, int field = 0, long value = 0, long nowNs = 0)
    {
        var seq = ring.Next();
        ControlEvents.Write(ref ring[seq], command, botId, nowNs != 0 ? nowNs : UnixNanos.Now(), field, value);
        ring.Publish(seq);
        return seq;
    }

    /// <summary>Halt the chain (draining what is in the ring), flush and close the journal.</summary>
    public bool Stop(TimeSpan timeout)
    {
        var drained = Pipeline?.Halt(timeout) ?? true;
        Writer.Dispose();
        return drained;
    }
}
