namespace Faas.Core.Workers;

/// <summary>The executable and arguments that start one language's worker.</summary>
public sealed record WorkerCommand(string FileName, IReadOnlyList<string> Arguments);
