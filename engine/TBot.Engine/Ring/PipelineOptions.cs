namespace TBot.Engine.Ring;

/// <summary>Settings for an <see cref="EventPipeline{T}"/>.</summary>
public sealed class PipelineOptions
{
    /// <summary>Prefix of thread names (e.g. "tbot" gives "tbot-validate").</summary>
    public string Name { get; set; } = "tbot";

    public ThreadingMode Threading { get; set; } = ThreadingMode.Auto;

    public HandlerExceptionPolicy ExceptionPolicy { get; set; } = HandlerExceptionPolicy.SkipEvent;

    /// <summary>CPU for the fused thread (Fused mode); dedicated threads take theirs from the handler registration.</summary>
    public int? FusedCpu { get; set; }

    /// <summary>Spinning threads the producer side accounts for when <see cref="ThreadingMode.Auto"/> decides (the ingress thread).</summary>
    public int ProducerThreads { get; set; } = 1;

    /// <summary>CPUs available; defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    public int Cores { get; set; } = Environment.ProcessorCount;
}
