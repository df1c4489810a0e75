namespace Faas.Core.Repositories;

/// <summary>How the server works with git repositories, through libgit2 (configuration section <c>Faas:Git</c>).</summary>
public sealed class GitOptions
{
    public const string SectionName = "Faas:Git";

    /// <summary>
    /// Accept local paths and <c>file://</c> URLs. Off in production: a local URL would let a
    /// caller read any repository on the server's disk. Tests turn it on.
    /// </summary>
    public bool AllowLocalRepositories { get; set; }

    /// <summary>Limit for each single git operation (clone, ls-remote, ...).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where throw-away clones (for file lists) are made; each is deleted after use.</summary>
    public string TempDirectory { get; set; } = Path.GetTempPath();
}
