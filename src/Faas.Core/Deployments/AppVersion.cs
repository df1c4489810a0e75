namespace Faas.Core.Deployments;

/// <summary>A kept version at run time: its record, its folder and its runtime (workers start on its first call).</summary>
public sealed class AppVersion(VersionRecord record, string directory, AppRuntime runtime)
{
    public VersionRecord Record { get; } = record;

    public int Number => Record.Number;

    public string Id => Record.Id;

    /// <summary>The version's files: its working directory and the root of its static files.</summary>
    public string Directory { get; } = directory;

    public AppRuntime Runtime { get; } = runtime;
}
