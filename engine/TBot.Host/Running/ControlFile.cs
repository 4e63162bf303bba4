using System.Globalization;
using Microsoft.Extensions.Logging;
using TBot.Engine.Events;
using TBot.Engine.Orders;
using TBot.Engine.Ring;
using TBot.Engine.Trading;

namespace TBot.Host.Running;

/// <summary>
/// Operator commands for a running engine, one per line appended to a file (<c>tbot run --control FILE</c>):
/// <c>pause BOT</c>, <c>resume BOT</c>, <c>kill BOT</c>, <c>flatten BOT</c>, <c>cancel-all BOT</c> (0 = every bot),
/// <c>set BOT FIELD VALUE</c> (a risk limit, e.g. <c>set 1 max_open_orders 2</c>, <c>set 1 daily_loss_limit 250</c>).
/// Each command becomes a control event on the ring, so the journal records where it took effect and replay
/// applies it at the same point. The HTTP control API (Control/ControlApi) publishes the same events.
/// </summary>
public sealed class ControlFile(string path, RingBuffer<MarketEvent> ring, ILogger log) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _offset;

    public int Applied { get; private set; }

    public int Refused { get; private set; }

    public void Start()
    {
        // Only lines written after start count; an old file is not re-applied on restart.
        _offset = File.Exists(path) ? new FileInfo(path).Length : 0;
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        var pending = "";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (File.Exists(path) && new FileInfo(path).Length > _offset)
                {
                    await using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    f.Seek(_offset, SeekOrigin.Begin);
                    using var reader = new StreamReader(f);
                    var text = pending + await reader.ReadToEndAsync(stop).ConfigureAwait(false);
                    _offset = f.Length;
                    var lines = text.Split('\n');
                    pending = lines[^1]; // an unfinished last line waits for its newline
                    for (var i = 0; i < lines.Length - 1; i++) Apply(lines[i].Trim());
                }
                await Task.Delay(100, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException ex)
            {
                log.LogWarning("Control file {Path}: {Message}", path, ex.Message);
                await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Parse one line and publish it; false (logged) when it is not a command.</summary>
    public bool Apply(string line)
    {
        if (line.Length == 0 || line.StartsWith('#')) return true;
        if (!TryParse(line, out var command, out var bot, out var field, out var value, out var error))
        {
            Refused++;
            log.LogError("Control command refused: '{Line}': {Error}", line, error);
            return false;
        }
        TradingSession.Publish(ring, command, bot, (int)field, value);
        Applied++;
        log.LogWarning("Control command applied: {Line}", line);
        return true;
    }

    public static bool TryParse(string line, out ControlCommand command, out int bot, out RiskLimitField field, out long value, out string error)
    {
        command = ControlCommand.None;
        field = RiskLimitField.None;
        value = 0;
        bot = 0;
        error = "";
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out bot))
        {
            error = "expected: pause|resume|kill|flatten|cancel-all BOT, or set BOT FIELD VALUE";
            return false;
        }
        command = parts[0] switch
        {
            "pause" => ControlCommand.PauseBot,
            "resume" => ControlCommand.ResumeBot,
            "kill" => ControlCommand.KillBot,
            "cancel-all" => ControlCommand.CancelAll,
            "flatten" => ControlCommand.FlattenBot,
            "set" => ControlCommand.SetRiskLimit,
            _ => ControlCommand.None,
        };
        if (command == ControlCommand.None)
        {
            error = $"unknown command '{parts[0]}'";
            return false;
        }
        if (command != ControlCommand.SetRiskLimit) return parts.Length == 2 || Fail("too many words", out error);
        if (parts.Length != 4 || !RiskLimitChange.TryParseField(parts[2], out field))
            return Fail("set BOT FIELD VALUE with FIELD one of max_order_notional, max_position_notional, daily_loss_limit, max_drawdown, max_open_orders, price_collar_bps, max_quote_age_ms", out error);
        if (!decimal.TryParse(parts[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
            return Fail($"'{parts[3]}' is not a non-negative number", out error);
        if (RiskLimitChange.IsMoney(field))
        {
            if (!TBot.Engine.Numerics.FixedPoint.TryFromDecimal(amount, Money.Scale, out value)) return Fail($"'{parts[3]}' does not fit", out error);
        }
        else
        {
            if (amount != decimal.Truncate(amount) || amount > int.MaxValue) return Fail($"{parts[2]} takes a whole number", out error);
            value = (long)amount;
        }
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        try { _loop?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
