namespace Faas.Core.Servers;

/// <summary>
/// A server app's process at one moment (<c>GET /api/apps/{app}/processes</c>, <c>faas check</c>): its state (one of
/// <see cref="Pools.ProcessStates"/>), pid and loopback port when it runs, its container's name, and the crashes in a row.
/// </summary>
public sealed record ServerProcessState(string Kind, string State, int? ProcessId, int? Port, string? Container, int Crashes, string? Failure);
