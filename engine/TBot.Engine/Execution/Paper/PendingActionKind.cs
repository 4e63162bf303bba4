namespace TBot.Engine.Execution.Paper;

/// <summary>What is travelling to the simulated venue.</summary>
internal enum PendingActionKind : byte
{
    None = 0,
    Submit = 1,
    Cancel = 2,
}
