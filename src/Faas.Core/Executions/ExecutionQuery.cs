namespace Faas.Core.Executions;

/// <summary>A page of an app's executions, newest first, optionally filtered.</summary>
public sealed record ExecutionQuery(string App, string? Status, string? Function, string? Trigger, int Limit, int Offset);
