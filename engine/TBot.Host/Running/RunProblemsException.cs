namespace TBot.Host.Running;

/// <summary>A run could not start: configuration or journal problems, all listed (exit code 2).</summary>
public sealed class RunProblemsException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
