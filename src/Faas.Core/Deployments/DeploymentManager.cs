using Faas.Core.Apps;
using Faas.Core.Logging;
using Faas.Core.Paths;
using Faas.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Deployments;

/// <summary>
/// An app's life: publish its source (an upload or a clone, staged and moved into place in one rename),
/// deploy it as a new version beside the running one and switch to it only once it loaded, roll back
/// to a kept version, delete. Deploys run to the end even when their HTTP client goes away.
/// </summary>
public sealed partial class DeploymentManager(
    DataLayout layout,
    DeploymentStore store,
    DeploymentRegistry registry,
    VersionBuilder builder,
    StorageOptions storage,
    DataQuota quota,
    TimeProvider time,
    ILogger<DeploymentManager> logger,
    Services.KvStore kv,
    Services.AppEnvironment environment)
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Raised with the app's name once an app is deleted, so the stores keeping its data (history, KV, env) drop it.</summary>
    public event Action<string>? AppDeleted;

    /// <summary>
    /// Moves a prepared staging folder into place as the source of app <paramref name="name"/>. An app
    /// with an active version keeps it (and refuses, as the Hub does, unless <paramref name="replaceDeployed"/>):
    /// the new source becomes a version on the next deploy.
    /// </summary>
    public async Task PublishAsync(AppName name, string stagingDirectory, DeploymentRecord record, bool replaceDeployed, CancellationToken cancellationToken)
    {
        var gate = registry.NameGate(name);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (registry.TryGet(name, out var existing))
            {
                await existing.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (existing.Active is not null && !replaceDeployed)
                    {
                        throw new FaasException(FaasError.BadRequest, $"There is an application with name '{name}' already deployed, delete it first.");
                    }
                    layout.MoveAwayAndDelete(layout.SourceDirectory(name));
                    Directory.Move(stagingDirectory, layout.SourceDirectory(name));
                    existing.Record = existing.Record with
                    {
                        Source = record.Source, RepositoryUrl = record.RepositoryUrl, Branch = record.Branch, Runners = record.Runners,
                    };
                    store.Save(existing.Record);
                    LogUploaded(existing);
                }
                finally
                {
                    existing.Gate.Release();
                }
                return;
            }
            store.Save(record);
            Directory.CreateDirectory(layout.AppDirectory(name));
            Directory.Move(stagingDirectory, layout.SourceDirectory(name));
            var deployment = new Deployment(name, record, new AppLog(layout.LogFile(name)));
            LogUploaded(deployment);
            registry.Set(deployment);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Builds the app's source into its next version and makes it active; the previous version keeps
    /// serving until then, and keeps serving if anything fails. <paramref name="env"/> is merged over the
    /// active version's environment.
    /// </summary>
    public Task<AppVersion> DeployAsync(string? suffix, IReadOnlyList<EnvVar> env, CancellationToken cancellationToken) =>
        DeployAsync(suffix, env, null, cancellationToken);

    /// <param name="kind"><c>server</c> or <c>functions</c> to say how to treat the app whatever its files show; null: its files tell.</param>
    public async Task<AppVersion> DeployAsync(string? suffix, IReadOnlyList<EnvVar> env, string? kind, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(suffix, FaasError.BadRequest);
        // Over the app's env as it is now (changed through the API or by its functions since the last deploy).
        var current = environment.Changed(deployment.Name.Value) is { } changed
            ? [.. changed.Select(p => new EnvVar(p.Key, p.Value))]
            : deployment.Active?.Record.Env ?? deployment.Record.Env;
        var merged = MergeEnv(current, env);
        // Not cancelled by the caller going away: only a server stop ends a deploy early.
        var deploy = Task.Run(() => DeployCoreAsync(deployment, merged, kind, _stopping.Token), CancellationToken.None);
        return await deploy.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a kept version active at once; its workers start on its first call.</summary>
    public async Task<AppVersion> RollbackAsync(string? suffix, string? version, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(suffix, FaasError.NotFound);
        await deployment.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var target = deployment.Resolve(version)
                ?? throw new FaasException(FaasError.NotFound, $"The application '{deployment.Name}' has no version '{version}' (kept: {KeptList(deployment)}).");
            if (target != deployment.Active)
            {
                Activate(deployment, target, deployment.Versions, deployed: false);
                deployment.Log.Write("faas", $"Rolled back to {target.Id}.");
            }
            return target;
        }
        finally
        {
            deployment.Gate.Release();
        }
    }

    public async Task DeleteAsync(string? suffix, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(suffix, FaasError.NotFound);
        var gate = registry.NameGate(deployment.Name);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await deployment.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                registry.Remove(deployment.Name);
                var versions = deployment.Versions.Values.ToList();
                deployment.SetVersions(new Dictionary<int, AppVersion>(), null);
                await Task.WhenAll(versions.Select(v => v.Runtime.DisposeAsync().AsTask())).ConfigureAwait(false);
                deployment.Log.Dispose();
                // Renamed away first, so a crash mid-delete never leaves half an app under its name.
                layout.MoveAwayAndDelete(layout.AppDirectory(deployment.Name));
                layout.MoveAwayAndDelete(layout.AppStateDirectory(deployment.Name));
                builder.PruneDependencyCache();
                kv.DeleteApp(deployment.Name.Value);
                environment.DeleteApp(deployment.Name.Value);
                AppDeleted?.Invoke(deployment.Name.Value);
            }
            finally
            {
                deployment.Gate.Release();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops every app's workers (server shutdown); files and records stay.</summary>
    public async Task StopAllAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(registry.All.Select(async d =>
        {
            var versions = d.Versions.Values.ToList();
            await Task.WhenAll(versions.Select(v => v.Runtime.DisposeAsync().AsTask())).ConfigureAwait(false);
            d.Log.Dispose();
        })).ConfigureAwait(false);
    }

    private async Task<AppVersion> DeployCoreAsync(Deployment deployment, IReadOnlyList<EnvVar> env, string? kind, CancellationToken cancellationToken)
    {
        await deployment.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Deleted (or replaced by a new upload) while this deploy waited for the gate.
            if (!registry.TryGet(deployment.Name, out var current) || current != deployment)
            {
                throw new FaasException(FaasError.BadRequest, $"Invalid deployment id: {deployment.Name}");
            }
            var source = layout.SourceDirectory(deployment.Name);
            if (!Directory.Exists(source))
            {
                throw new FaasException(FaasError.BadRequest, $"The application '{deployment.Name}' has no uploaded files to deploy.");
            }
            // A version starts as a copy of the source (its dependencies come on top, and count at the next check).
            quota.Reserve(source, $"A new version of '{deployment.Name}'");
            var record = deployment.Record;
            var number = record.NextVersion;
            var version = new VersionRecord
            {
                Number = number,
                CreatedAt = time.GetUtcNow(),
                Source = record.Source,
                RepositoryUrl = record.RepositoryUrl,
                Branch = record.Branch,
                Hash = ContentHash.Compute(source),
                Env = env,
                Kind = kind,
            };
            Save(deployment, record with { Deployed = true, Env = env, Deploying = number });
            if (deployment.Active is null)
            {
                deployment.Status = DeploymentStatus.Create;
                deployment.Error = null;
            }
            using var scope = AppScope.Begin(logger, deployment.Name.Value);
            deployment.Log.Write("faas", $"Deploying {version.Id}.");
            LogDeployStarting(deployment.Name.Value, version.Id);
            AppVersion built;
            try
            {
                built = await builder.BuildAsync(deployment, version, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FaasException or OperationCanceledException)
            {
                var reason = e is FaasException ? e.Message : "The server stopped before the deploy finished.";
                builder.Discard(deployment, number);
                Save(deployment, deployment.Record with { Deploying = null, LastFailure = new DeployFailure(number, time.GetUtcNow(), reason) });
                if (deployment.Active is null)
                {
                    deployment.Status = DeploymentStatus.Fail;
                    deployment.Error = reason;
                }
                var still = deployment.Active is { } active ? $" {active.Id} is still active." : "";
                deployment.Log.Write("faas", $"Deploy of {version.Id} failed: {reason}{still}");
                LogDeployFailed(deployment.Name.Value, version.Id, reason);
                throw new FaasException(FaasError.DeployFailed, $"The deployment of '{deployment.Name}' failed: {reason}", e);
            }
            var versions = new Dictionary<int, AppVersion>(deployment.Versions) { [number] = built };
            Activate(deployment, built, versions, deployed: true);
            if (environment.Changed(deployment.Name.Value) is not null)
            {
                environment.Keep(deployment.Name.Value, env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal));
            }
            var languages = built.Runtime.Server?.Kind ?? string.Join(", ", built.Runtime.Packages.Keys.DefaultIfEmpty("no functions"));
            deployment.Log.Write("faas", $"Ready: {built.Id} ({languages}).");
            LogDeployReady(deployment.Name.Value, built.Id, languages);
            await ApplyRetentionAsync(deployment).ConfigureAwait(false);
            builder.PruneDependencyCache();
            return built;
        }
        finally
        {
            deployment.Gate.Release();
        }
    }

    /// <summary>
    /// Switches <c>latest</c> to <paramref name="target"/>; the previous version's workers stop once their
    /// calls are done. A successful deploy (<paramref name="deployed"/>) also clears the last failure; a
    /// rollback keeps it. Under the app's gate.
    /// </summary>
    private void Activate(Deployment deployment, AppVersion target, IReadOnlyDictionary<int, AppVersion> versions, bool deployed)
    {
        var previous = deployment.Active;
        Save(deployment, deployment.Record with
        {
            Active = target.Number,
            Versions = [.. versions.Values.Select(v => v.Record).OrderBy(v => v.Number)],
            Deploying = null,
            LastFailure = deployed ? null : deployment.Record.LastFailure,
        });
        deployment.SetVersions(versions, target);
        deployment.Status = DeploymentStatus.Ready;
        deployment.Error = null;
        WatchFailures(deployment, target);
        if (previous is not null && previous != target)
        {
            previous.Runtime.Park();
        }
    }

    /// <summary>Marks the app <c>fail</c> when the active version's workers keep failing to start.</summary>
    internal static void WatchFailures(Deployment deployment, AppVersion version) =>
        version.Runtime.Failed += reason =>
        {
            if (deployment.Active == version)
            {
                deployment.Status = DeploymentStatus.Fail;
                deployment.Error = $"Its workers keep failing to start: {reason}";
            }
        };

    /// <summary>Removes the oldest versions past the kept count (never the active one), with their files.</summary>
    private async Task ApplyRetentionAsync(Deployment deployment)
    {
        var removed = deployment.Versions.Values
            .Where(v => v != deployment.Active)
            .OrderBy(v => v.Number)
            .Take(Math.Max(0, deployment.Versions.Count - storage.KeepVersions))
            .ToList();
        if (removed.Count == 0)
        {
            return;
        }
        var versions = deployment.Versions.Where(p => !removed.Contains(p.Value)).ToDictionary();
        Save(deployment, deployment.Record with { Versions = [.. versions.Values.Select(v => v.Record).OrderBy(v => v.Number)] });
        deployment.SetVersions(versions, deployment.Active);
        foreach (var version in removed)
        {
            await version.Runtime.DisposeAsync().ConfigureAwait(false);
            builder.Discard(deployment, version.Number);
            deployment.Log.Write("faas", $"Removed {version.Id} (more than {storage.KeepVersions} versions kept).");
        }
    }

    private void Save(Deployment deployment, DeploymentRecord record)
    {
        store.Save(record);
        deployment.Record = record;
    }

    private static void LogUploaded(Deployment deployment)
    {
        var record = deployment.Record;
        deployment.Log.Write("faas", $"Uploaded from {record.Source}{(record.RepositoryUrl is null ? "" : $" {record.RepositoryUrl} ({record.Branch})")}.");
    }

    internal static string KeptList(Deployment deployment) =>
        deployment.Versions.Count == 0 ? "none" : string.Join(", ", deployment.Versions.Keys.Order().Select(VersionId.Format));

    private static IReadOnlyList<EnvVar> MergeEnv(IReadOnlyList<EnvVar> current, IReadOnlyList<EnvVar> added)
    {
        foreach (var variable in added)
        {
            if (string.IsNullOrEmpty(variable.Name) || variable.Name.Contains('=') || variable.Name.Contains('\0') || variable.Value.Contains('\0'))
            {
                throw new FaasException(FaasError.BadRequest, $"Invalid environment variable name '{variable.Name}'.");
            }
        }
        var merged = current.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        foreach (var variable in added)
        {
            merged[variable.Name] = variable.Value;
        }
        return [.. merged.Select(p => new EnvVar(p.Key, p.Value))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deploy of {App} {Version} failed: {Reason}")]
    private partial void LogDeployFailed(string app, string version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deploying {App} {Version}.")]
    private partial void LogDeployStarting(string app, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Version} is ready: {Languages}.")]
    private partial void LogDeployReady(string app, string version, string languages);
}
