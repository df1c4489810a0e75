namespace Faas.Core.Executions;

/// <summary>An app's calls and errors in a window.</summary>
public sealed record AppCallCount(string App, int Calls, int Errors);
