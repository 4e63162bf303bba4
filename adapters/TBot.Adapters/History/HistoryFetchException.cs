namespace TBot.Adapters.History;

/// <summary>A page could not be fetched (after its retries): the fetch stops; what was written stays and a rerun resumes.</summary>
public sealed class HistoryFetchException(string message, Exception? inner = null) : Exception(message, inner);
