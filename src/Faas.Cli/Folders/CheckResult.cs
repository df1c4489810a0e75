namespace Faas.Cli.Folders;

/// <summary>One line of <c>faas check</c>: ✓ or ✗ and what was found.</summary>
internal sealed record CheckResult(string Name, bool Ok, string Message);
