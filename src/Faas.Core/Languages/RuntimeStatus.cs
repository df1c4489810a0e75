namespace Faas.Core.Languages;

/// <summary>What probing a runtime found: its version and executable, or why it cannot be used.</summary>
/// <param name="Executable">The executable workers start (a shim resolved to its real binary).</param>
/// <param name="Problem">Null when usable; else a message naming what to install.</param>
public sealed record RuntimeStatus(string Name, string Executable, string? Version, string? Problem)
{
    public bool Available => Problem is null;

    /// <summary>What an install keyed on this runtime depends on: an upgraded runtime (new native ABI) reinstalls.</summary>
    public string Key => $"{Executable} {Version}";
}
