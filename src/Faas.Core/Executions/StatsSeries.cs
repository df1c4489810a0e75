namespace Faas.Core.Executions;

/// <summary>Buckets in time order, with the totals over all of them.</summary>
public sealed record StatsSeries(StatsBucket Totals, IReadOnlyList<StatsBucket> Buckets);
