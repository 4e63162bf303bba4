namespace TBot.Persistence.Postgres.Warm;

/// <summary>A bot's status after a control or kill-switch decision.</summary>
public sealed record BotStatusRow(int BotId, string Status, DateTime UpdatedUtc, long JournalPosition);
