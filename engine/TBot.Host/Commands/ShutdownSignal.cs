using System.Runtime.InteropServices;

namespace TBot.Host.Commands;

/// <summary>Turns Ctrl-C, SIGTERM and an optional duration into one cancellation token for a graceful stop.</summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public ShutdownSignal(TimeSpan? duration)
    {
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        if (duration is { } d) _cts.CancelAfter(d);
    }

    public CancellationToken Token => _cts.Token;

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive: the run stops itself cleanly and exits with its own code. The cancellation's callbacks
        // (the whole graceful stop, down to this object's disposal) run on the thread pool, not inside the signal
        // handler: run inline they could end the command before the handler returned (exit 143, or 134 when the
        // disposed source threw here).
        context.Cancel = true;
        try
        {
            _ = _cts.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // A signal after the command ended: nothing left to stop.
        }
    }

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _cts.Dispose();
    }
}
