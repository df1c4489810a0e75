namespace Faas.Core.Pools;

/// <summary>
/// An app's workers for one language at one moment (<c>GET /api/apps/{app}/processes</c>, <c>faas check</c>):
/// <see cref="State"/> is one of <see cref="ProcessStates"/>.
/// </summary>
public sealed record PoolState(string Language, string State, IReadOnlyList<int> ProcessIds, int Starting, string? Failure);
