using Faas.Core.Apps;
using Faas.Core.Logging;

namespace Faas.Core.Deployments;

/// <summary>An app known to the server: its record, its status, its log and, once ready, its running workers.</summary>
public sealed class Deployment(AppName name, DeploymentRecord record, AppLog log)
{
    public AppName Name { get; } = name;

    public AppLog Log { get; } = log;

    /// <summary>Serialises deploy, redeploy and delete of this app.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public DeploymentRecord Record { get; internal set; } = record;

    public DeploymentStatus Status { get; internal set; } = DeploymentStatus.Create;

    /// <summary>Why the last deploy failed, when <see cref="Status"/> is <c>Fail</c>.</summary>
    public string? Error { get; internal set; }

    /// <summary>The running app; null until it is ready.</summary>
    public AppRuntime? Runtime { get; internal set; }
}
