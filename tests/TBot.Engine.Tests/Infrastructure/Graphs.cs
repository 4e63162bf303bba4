using TBot.Engine.Ring;

namespace TBot.Engine.Tests.Infrastructure;

public enum Graph
{
    /// <summary>A → B → C</summary>
    Chain,
    /// <summary>A → (B, C)</summary>
    FanOut,
    /// <summary>A → (B, C) → D</summary>
    Diamond,
}

public static class Graphs
{
    /// <summary>Register the handlers of <paramref name="graph"/> on <paramref name="pipeline"/>; each handler checks the
    /// markers and sequences of all its upstream handlers (transitively).</summary>
    public static StageHandler[] Build(EventPipeline<StageEvent> pipeline, Graph graph)
    {
        switch (graph)
        {
            case Graph.Chain:
            {
                var a = new StageHandler(0);
                var b = new StageHandler(1, 0);
                var c = new StageHandler(2, 0, 1);
                var ga = pipeline.HandleEventsWith(a);
                var gb = ga.Then(b);
                gb.Then(c);
                b.UpstreamSequences = ga.Sequences;
                c.UpstreamSequences = [.. ga.Sequences, .. gb.Sequences];
                return [a, b, c];
            }
            case Graph.FanOut:
            {
                var a = new StageHandler(0);
                var b = new StageHandler(1, 0);
                var c = new StageHandler(2, 0);
                var ga = pipeline.HandleEventsWith(a);
                var gbc = ga.Then(b, c);
                Assert.Equal(2, gbc.Sequences.Length);
                b.UpstreamSequences = ga.Sequences;
                c.UpstreamSequences = ga.Sequences;
                return [a, b, c];
            }
            case Graph.Diamond:
            {
                var a = new StageHandler(0);
                var b = new StageHandler(1, 0);
                var c = new StageHandler(2, 0);
                var d = new StageHandler(3, 0, 1, 2);
                var ga = pipeline.HandleEventsWith(a);
                var gb = ga.Then(b);
                var gc = ga.Then(c);
                pipeline.After(gb, gc).Then(d);
                b.UpstreamSequences = ga.Sequences;
                c.UpstreamSequences = ga.Sequences;
                d.UpstreamSequences = [.. ga.Sequences, .. gb.Sequences, .. gc.Sequences];
                return [a, b, c, d];
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(graph));
        }
    }
}
