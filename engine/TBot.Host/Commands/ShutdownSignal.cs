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
        // Keep the process alive: the run stops itself cleanly and exits with its own code.
        context.Cancel = true;
        // A signal may arrive while or after the command ends and disposes this: nothing left to stop then.
        try { _cts.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _cts.Dispose();
    }
}
