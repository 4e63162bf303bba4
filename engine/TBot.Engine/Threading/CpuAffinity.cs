using System.Runtime.InteropServices;

namespace TBot.Engine.Threading;

/// <summary>Pins the calling thread to one CPU with <c>sched_setaffinity</c> on Linux; elsewhere reports that it cannot.</summary>
public static partial class CpuAffinity
{
    /// <summary>Pin the calling thread to <paramref name="cpu"/>.</summary>
    public static PinResult PinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux()) return PinResult.NotSupported($"CPU pinning is only implemented on Linux (this is {RuntimeInformation.OSDescription})");
        if (cpu < 0 || cpu >= MaxCpus) return PinResult.Failed($"CPU {cpu} is out of range 0..{MaxCpus - 1}");
        // No check against Environment.ProcessorCount: that is how many CPUs we may use (after taskset, cpusets or
        // cgroup limits), not the highest CPU number. The kernel rejects CPUs that are absent or not allowed (EINVAL).

        Span<ulong> mask = stackalloc ulong[MaxCpus / 64];
        mask.Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        try
        {
            // pid 0 = the calling thread (Linux affinity is per thread).
            var rc = SchedSetAffinity(0, (nuint)(mask.Length * sizeof(ulong)), ref MemoryMarshal.GetReference(mask));
            return rc == 0
                ? PinResult.Pinned(cpu)
                : PinResult.Failed($"sched_setaffinity failed for CPU {cpu} with errno {Marshal.GetLastPInvokeError()} (22: no such CPU, or not allowed to this process)");
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return PinResult.NotSupported($"sched_setaffinity is not available: {ex.Message}");
        }
    }

    /// <summary>The size of the kernel's default cpu_set_t (1024 CPUs).</summary>
    private const int MaxCpus = 1024;

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint cpuSetSize, ref ulong mask);
}
