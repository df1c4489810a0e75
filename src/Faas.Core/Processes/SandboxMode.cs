namespace Faas.Core.Processes;

/// <summary>Whether workers and installers run inside <c>bwrap</c> (see <see cref="SandboxOptions.Mode"/>).</summary>
public enum SandboxMode
{
    /// <summary>Inside bwrap where it works; else the weaker mode (minimal environment and limits), with a warning at start-up.</summary>
    Auto,

    /// <summary>Inside bwrap, or the server refuses to start.</summary>
    Required,

    /// <summary>Never inside bwrap: minimal environment and limits only.</summary>
    Off,
}
