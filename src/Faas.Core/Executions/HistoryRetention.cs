namespace Faas.Core.Executions;

/// <summary>An app's own limits on its execution history (its <c>faas.json</c>); null: the server's.</summary>
public sealed record HistoryRetention(TimeSpan? MaxAge, int? MaxCount);
