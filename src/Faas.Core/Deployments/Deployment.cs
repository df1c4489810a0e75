using Faas.Core.Apps;
using Faas.Core.Logging;

namespace Faas.Core.Deployments;

/// <summary>
/// An app known to the server: its record, its log, its kept versions and the active one. Calls read
/// <see cref="Active"/> and <see cref="Versions"/> without locks: both are replaced whole on each change.
/// </summary>
public sealed class Deployment(AppName name, DeploymentRecord record, AppLog log)
{
    private volatile AppVersion? _active;
    private volatile IReadOnlyDictionary<int, AppVersion> _versions = new Dictionary<int, AppVersion>();

    public AppName Name { get; } = name;

    public AppLog Log { get; } = log;

    /// <summary>Serialises deploy, rollback and delete of this app.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public DeploymentRecord Record { get; internal set; } = record;

    public DeploymentStatus Status { get; internal set; } = DeploymentStatus.Create;

    /// <summary>Why the app cannot serve, when <see cref="Status"/> is <c>Fail</c>.</summary>
    public string? Error { get; internal set; }

    /// <summary>The version <c>latest</c> reaches; null until the first deploy succeeds.</summary>
    public AppVersion? Active => _active;

    /// <summary>The kept versions by number.</summary>
    public IReadOnlyDictionary<int, AppVersion> Versions => _versions;

    /// <summary>The active version's runtime; null until the app is ready.</summary>
    public AppRuntime? Runtime => _active?.Runtime;

    /// <summary>The version a route names: <c>latest</c> or <c>vN</c>; null when it is not kept.</summary>
    public AppVersion? Resolve(string? version) =>
        version == VersionId.Latest ? _active
        : VersionId.TryParse(version, out var number) && _versions.TryGetValue(number, out var found) ? found
        : null;

    internal void SetVersions(IReadOnlyDictionary<int, AppVersion> versions, AppVersion? active)
    {
        _versions = versions;
        _active = active;
    }
}
