namespace Faas.Core.Executions;

/// <summary>Calls in a time bucket, errors (<c>error</c> or <c>timeout</c>) among them, and the p50 and p99 durations of those that ended.</summary>
public sealed record StatsBucket(DateTimeOffset Start, int Calls, int Errors, double? P50Ms, double? P99Ms);
