using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TBot.Engine.Events;
using TBot.Engine.Journal;
using TBot.Engine.Orders;
using TBot.Engine.Ring;
using TBot.Host.Trading;

namespace TBot.Host.Replay;

/// <summary>
/// Feeds a journal back through the same ring and trading core a live run uses (bots, risk, order manager and
/// paper gateway rebuilt from the journal's manifest; live runs' order reports come from the journal itself),
/// and reports the state hash, which equals the live run's for a full replay.
/// </summary>
public sealed class JournalReplay(ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger("tbot.replay");

    /// <param name="speed">0 = as fast as possible; otherwise a multiple of the recorded pace (1 = real time).</param>
    public sealed record Settings(string Directory, long? FromNs = null, long? ToNs = null, double Speed = 0, int RingSize = 1 << 16);

    public ReplaySummary Run(Settings settings, CancellationToken cancel)
    {
        var directory = Path.GetFullPath(settings.Directory);
        var manifest = JournalManifest.Load(directory);
        var registry = manifest.BuildRegistry();
        var profile = manifest.Config is { } cfg ? TradingProfile.FromJson(cfg) : null;
        if (profile is null) throw new InvalidOperationException($"journal {directory} has no trading configuration in its manifest.");
        // A full replay checks every decision against the journal's; a partial one cannot (it starts mid-stream).
        using var verifier = settings.FromNs is null && settings.ToNs is null ? new DecisionVerifier(directory) : null;
        var decisions = new SwitchableDecisionLog();
        if (verifier is not null) decisions.Target = verifier;
        var core = TradingSetup.Build(profile, registry, decisions, NullGateway.Instance);

        var ring = RingBuffer<MarketEvent>.CreateSingleProducer(settings.RingSize, new YieldingWaitStrategy());
        var pipeline = new EventPipeline<MarketEvent>(ring, new PipelineOptions { Name = "replay" }, loggers.CreateLogger("tbot.ring"));
        pipeline.HandleEventsWith("trading", core);
        pipeline.Start();

        using var reader = JournalReader.Open(directory);
        if (settings.FromNs is { } from) reader.SeekTime(from);
        long events = 0, journaledFills = 0, firstNs = 0;
        var clock = Stopwatch.StartNew();
        while (!cancel.IsCancellationRequested && reader.TryRead(out var record))
        {
            if (record.Type == JournalRecordType.Decision)
            {
                if (record.Decision.Kind == DecisionKind.Fill) journaledFills++;
                continue;
            }
            if (record.Type != JournalRecordType.Event) continue;
            ref readonly var e = ref record.Event;
            if (settings.ToNs is { } to && e.ReceiveTimeNs > to) break;
            if (settings.Speed > 0) Pace(e.ReceiveTimeNs, ref firstNs, clock, settings.Speed, cancel);
            var seq = ring.Next();
            ring[seq] = e;
            ring.Publish(seq);
            events++;
        }
        var last = ring.Cursor;
        if (!pipeline.WaitUntilProcessed(last, TimeSpan.FromMinutes(10))) _log.LogError("The replay did not finish processing");
        var seconds = clock.Elapsed.TotalSeconds;
        pipeline.Halt(TimeSpan.FromSeconds(10));

        var trading = TradingReport.From(core);
        var missing = verifier?.Missing() ?? 0;
        if (verifier is { FirstMismatch: { } mismatch }) _log.LogError("Replay differs from the journal: {Mismatch}", mismatch);
        return new ReplaySummary
        {
            Journal = directory,
            JournalId = manifest.JournalId,
            Events = events,
            EventsPerSecond = seconds > 0 ? Math.Round(events / seconds) : 0,
            DurationSeconds = Math.Round(seconds, 3),
            Speed = settings.Speed > 0 ? $"{settings.Speed}x" : "max",
            FromNs = settings.FromNs,
            ToNs = settings.ToNs,
            Orders = trading.Orders,
            Fills = trading.Fills,
            Positions = trading.Positions,
            Pnl = trading.Pnl,
            StateHash = trading.StateHash,
            JournaledFills = journaledFills,
            TailDamage = reader.TailDamage == JournalDamage.None ? "none" : reader.TailDamage.ToString(),
            Trading = trading,
            Verification = verifier is null ? null : new DecisionVerification
            {
                Verified = verifier.Verified,
                Mismatches = verifier.Mismatches,
                Missing = missing,
                Extra = verifier.Extra,
                FirstMismatch = verifier.FirstMismatch,
            },
        };
    }

    /// <summary>Wait until the event's recorded time (relative to the first) comes up at the chosen speed.</summary>
    private static void Pace(long eventNs, ref long firstNs, Stopwatch clock, double speed, CancellationToken cancel)
    {
        if (firstNs == 0)
        {
            firstNs = eventNs;
            clock.Restart();
            return;
        }
        var dueTicks = (long)((eventNs - firstNs) / 100 / speed);
        var wait = TimeSpan.FromTicks(dueTicks) - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1)) cancel.WaitHandle.WaitOne(wait);
    }
}
