namespace Faas.Core.Processes;

/// <summary>How workers and installers are isolated. Bound from the <c>Faas:Sandbox</c> section.</summary>
public sealed class SandboxOptions
{
    /// <summary><c>Auto</c> (default), <c>Required</c> or <c>Off</c>.</summary>
    public SandboxMode Mode { get; set; } = SandboxMode.Auto;

    /// <summary>The bubblewrap executable (Debian: <c>apt-get install bubblewrap</c>).</summary>
    public string BwrapPath { get; set; } = "/usr/bin/bwrap";

    /// <summary>More folders every sandbox sees read-only (a runtime installed somewhere unusual); missing ones are skipped.</summary>
    public List<string> ReadOnlyPaths { get; set; } = [];

    /// <summary>Limits for installers (npm, pip, bundle): open files, processes, file size; no CPU limit (the install timeout bounds it).</summary>
    public int InstallMaxOpenFiles { get; set; } = 8192;

    public int InstallMaxProcesses { get; set; } = 512;

    public int InstallMaxFileSizeMb { get; set; } = 2048;

    public ProcessLimits InstallLimits => new(InstallMaxOpenFiles, InstallMaxProcesses, InstallMaxFileSizeMb, 0);
}
