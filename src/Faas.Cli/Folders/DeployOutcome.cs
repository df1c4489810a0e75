namespace Faas.Cli.Folders;

/// <summary>What <c>faas up</c> did with one folder.</summary>
internal sealed record DeployOutcome(
    FunctionFolder Folder, DeployState State, string? Version, TimeSpan Elapsed, IReadOnlyList<string> Urls, string? Error);
