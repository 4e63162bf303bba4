using Microsoft.Extensions.Logging;
using TBot.Engine.Tests.Infrastructure;
using TBot.Engine.Threading;

namespace TBot.Engine.Tests.Threading;

/// <summary>Pinning is tried only on threads created for the purpose, so the test runner's threads keep their affinity.</summary>
public class CpuAffinityTests
{
    /// <summary>The calling thread's allowed CPUs as the kernel lists them, e.g. "0-1" or "3".</summary>
    private static string AllowedCpuList()
    {
        foreach (var line in File.ReadLines("/proc/thread-self/status"))
            if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
                return line["Cpus_allowed_list:".Length..].Trim();
        throw new InvalidOperationException("no Cpus_allowed_list in /proc/thread-self/status");
    }

    /// <summary>Expand a kernel CPU list ("0-2,5") into CPU numbers.</summary>
    private static List<int> ParseCpuList(string list)
    {
        var cpus = new List<int>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-');
            if (dash < 0)
            {
                cpus.Add(int.Parse(part, System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            var from = int.Parse(part[..dash], System.Globalization.CultureInfo.InvariantCulture);
            var to = int.Parse(part[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            for (var c = from; c <= to; c++) cpus.Add(c);
        }
        return cpus;
    }

    /// <summary>Run <paramref name="body"/> on a fresh thread and return its result.</summary>
    private static T OnFreshThread<T>(Func<T> body)
    {
        T result = default!;
        new Worker("affinity-test", () => result = body()).Join();
        return result;
    }

    [Fact]
    public void The_cpu_list_parser_reads_kernel_lists()
    {
        Assert.Equal([0, 1, 2, 5], ParseCpuList("0-2,5"));
        Assert.Equal([3], ParseCpuList("3"));
    }

    [Fact]
    public void Pinning_to_cpu_0_succeeds_and_restricts_the_thread_to_it()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sched_setaffinity pinning is Linux-only");
        var allowedBefore = ParseCpuList(AllowedCpuList());
        Assert.SkipUnless(allowedBefore.Contains(0), $"CPU 0 is not available to this process ({AllowedCpuList()})");
        var runnerBefore = AllowedCpuList();

        var (result, before, after) = OnFreshThread(() =>
        {
            var b = AllowedCpuList();
            var r = CpuAffinity.PinCurrentThread(0);
            return (r, b, AllowedCpuList());
        });

        Assert.True(result.Success, result.Message);
        Assert.True(result.Supported);
        Assert.Equal(0, result.Cpu);
        Assert.Equal(runnerBefore, before); // a new thread inherits the process affinity...
        Assert.Equal("0", after);           // ...and pinning narrowed it to CPU 0 alone
        Assert.Equal(runnerBefore, AllowedCpuList()); // the test runner's thread was not touched
    }

    [Fact]
    public void Every_cpu_this_process_may_use_can_be_pinned_to()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sched_setaffinity pinning is Linux-only");
        foreach (var cpu in ParseCpuList(AllowedCpuList()))
        {
            var (result, after) = OnFreshThread(() =>
            {
                var r = CpuAffinity.PinCurrentThread(cpu);
                return (r, AllowedCpuList());
            });
            Assert.True(result.Success, $"CPU {cpu}: {result.Message}");
            Assert.Equal(cpu, result.Cpu);
            Assert.Equal(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), after);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1024)]
    [InlineData(100_000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void An_impossible_cpu_is_reported_not_thrown(int cpu)
    {
        var (result, before, after) = OnFreshThread(() =>
        {
            var b = OperatingSystem.IsLinux() ? AllowedCpuList() : "";
            var r = CpuAffinity.PinCurrentThread(cpu);
            return (r, b, OperatingSystem.IsLinux() ? AllowedCpuList() : "");
        });
        Assert.False(result.Success);
        Assert.Equal(OperatingSystem.IsLinux(), result.Supported);
        Assert.Equal(-1, result.Cpu);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(before, after); // affinity unchanged
    }

    [Fact]
    public void A_cpu_beyond_this_machine_is_reported_not_thrown()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sched_setaffinity pinning is Linux-only");
        var cpu = Environment.ProcessorCount + 5;
        Assert.SkipWhen(ParseCpuList(AllowedCpuList()).Contains(cpu), $"CPU {cpu} exists here");
        var (result, before, after) = OnFreshThread(() =>
        {
            var b = AllowedCpuList();
            return (CpuAffinity.PinCurrentThread(cpu), b, AllowedCpuList());
        });
        Assert.False(result.Success);
        Assert.True(result.Supported);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Pinning_is_reported_unsupported_off_Linux()
    {
        Assert.SkipWhen(OperatingSystem.IsLinux(), "this is Linux, where pinning is supported");
        var result = OnFreshThread(() => CpuAffinity.PinCurrentThread(0));
        Assert.False(result.Success);
        Assert.False(result.Supported);
    }

    [Fact]
    public void PinResult_factories_describe_the_outcome()
    {
        var pinned = PinResult.Pinned(3);
        Assert.True(pinned.Success);
        Assert.True(pinned.Supported);
        Assert.Equal(3, pinned.Cpu);
        Assert.Contains("3", pinned.Message, StringComparison.Ordinal);

        var failed = PinResult.Failed("nope");
        Assert.Equal(new PinResult(false, true, -1, "nope"), failed);

        var unsupported = PinResult.NotSupported("elsewhere");
        Assert.Equal(new PinResult(false, false, -1, "elsewhere"), unsupported);
    }
}

public class DedicatedThreadTests
{
    private static string CpusAllowed()
    {
        foreach (var line in File.ReadLines("/proc/thread-self/status"))
            if (line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
                return line["Cpus_allowed_list:".Length..].Trim();
        throw new InvalidOperationException("no Cpus_allowed_list");
    }

    [Fact]
    public void Runs_the_body_on_a_named_background_thread()
    {
        var logger = new ListLogger();
        string? name = null;
        var background = false;
        var ran = new ManualResetEventSlim(false);
        var thread = DedicatedThread.Start("tbot-test", cpu: null, () =>
        {
            name = Thread.CurrentThread.Name;
            background = Thread.CurrentThread.IsBackground;
            ran.Set();
        }, logger);
        Assert.True(thread.Join(Timeouts.Safety));
        Assert.True(ran.IsSet);
        Assert.Equal("tbot-test", name);
        Assert.True(background);
        Assert.Empty(logger.Entries); // no pinning asked, nothing to report
    }

    [Fact]
    public void A_bad_cpu_is_logged_and_the_body_still_runs_unpinned()
    {
        var logger = new ListLogger();
        var ran = false;
        string? allowed = null;
        var runnerAllowed = OperatingSystem.IsLinux() ? CpusAllowed() : null;
        var thread = DedicatedThread.Start("tbot-badcpu", cpu: 100_000, () =>
        {
            ran = true;
            if (OperatingSystem.IsLinux()) allowed = CpusAllowed();
        }, logger);
        Assert.True(thread.Join(Timeouts.Safety));
        Assert.True(ran);
        Assert.Equal(runnerAllowed, allowed); // not narrowed
        var warning = Assert.Single(logger.At(LogLevel.Warning));
        Assert.Contains("tbot-badcpu", warning.Message, StringComparison.Ordinal);
        Assert.Contains("unpinned", warning.Message, StringComparison.Ordinal);
        Assert.Empty(logger.At(LogLevel.Information));
    }

    [Fact]
    public void A_good_cpu_pins_the_thread_before_the_body_runs()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sched_setaffinity pinning is Linux-only");
        Assert.SkipUnless(CpusAllowed().Split(',', '-')[0] == "0", "CPU 0 is not available to this process");
        var logger = new ListLogger();
        string? allowed = null;
        var thread = DedicatedThread.Start("tbot-pinned", cpu: 0, () => allowed = CpusAllowed(), logger);
        Assert.True(thread.Join(Timeouts.Safety));
        Assert.Equal("0", allowed);
        var info = Assert.Single(logger.At(LogLevel.Information));
        Assert.Contains("pinned to CPU 0", info.Message, StringComparison.Ordinal);
    }
}
