using Faas.Core.Apps;
using Faas.Core.Installers;
using Faas.Core.Logging;
using Faas.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Deployments;

/// <summary>
/// Brings back every stored app after a start: its kept versions are registered from their saved
/// function lists (workers start on the first call), the active one answers at once, and what a
/// killed server left half-done (a version being built, a folder put there by hand) is settled.
/// </summary>
public sealed partial class DeploymentRestorer(
    DataLayout layout,
    DeploymentStore store,
    DeploymentRegistry registry,
    VersionBuilder builder,
    DeploymentManager manager,
    DependencyCache cache,
    TimeProvider time,
    ILogger<DeploymentRestorer> logger)
{
    public async Task RestoreAllAsync(CancellationToken cancellationToken)
    {
        layout.EnsureCreated();
        DataLayout.DeleteQuietly(layout.StagingDirectory);
        Directory.CreateDirectory(layout.StagingDirectory);
        cache.CleanUp();
        var apps = new List<Deployment>();
        foreach (var directory in Directory.EnumerateDirectories(layout.AppsDirectory))
        {
            if (!AppName.TryParse(Path.GetFileName(directory), out var name))
            {
                LogSkippedFolder(directory);
                continue;
            }
            var record = store.Load(name) ?? Adopt(name);
            var deployment = new Deployment(name, record, new AppLog(layout.LogFile(name)));
            registry.Set(deployment);
            apps.Add(deployment);
        }
        foreach (var state in Directory.EnumerateDirectories(layout.StateDirectory))
        {
            if (!Directory.Exists(Path.Combine(layout.AppsDirectory, Path.GetFileName(state))))
            {
                DataLayout.DeleteQuietly(state);
            }
        }
        await Parallel.ForEachAsync(apps, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (deployment, ct) =>
        {
            using var scope = AppScope.Begin(logger, deployment.Name.Value);
            await RestoreAsync(deployment, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task RestoreAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var record = Settle(deployment);
        var versions = new Dictionary<int, AppVersion>();
        foreach (var kept in record.Versions)
        {
            try
            {
                versions[kept.Number] = await builder.OpenAsync(deployment, kept, cancellationToken).ConfigureAwait(false);
            }
            catch (FaasException e)
            {
                deployment.Log.Write("faas", $"Could not restore {kept.Id}: {e.Message}");
                LogVersionRestoreFailed(deployment.Name.Value, kept.Id, e.Message);
            }
        }
        var active = record.Active is { } number && versions.TryGetValue(number, out var found) ? found : null;
        deployment.SetVersions(versions, active);
        if (active is not null)
        {
            deployment.Status = DeploymentStatus.Ready;
            DeploymentManager.WatchFailures(deployment, active);
            return;
        }
        if (record.Deployed)
        {
            // Never deployed successfully (or its active version is gone): deploy its source again, as the original does.
            try
            {
                await manager.DeployAsync(deployment.Name.Value, [], cancellationToken).ConfigureAwait(false);
            }
            catch (FaasException e)
            {
                LogRestoreFailed(deployment.Name.Value, e.Message);
            }
        }
    }

    /// <summary>Removes version folders the record does not keep, and records a deploy the server died in.</summary>
    private DeploymentRecord Settle(Deployment deployment)
    {
        var record = deployment.Record;
        var kept = record.Versions.Select(v => v.Number).ToHashSet();
        foreach (var parent in new[] { layout.AppDirectory(deployment.Name), layout.AppStateDirectory(deployment.Name) })
        {
            if (!Directory.Exists(parent))
            {
                continue;
            }
            foreach (var folder in Directory.EnumerateDirectories(parent))
            {
                if (VersionId.TryParse(Path.GetFileName(folder), out var number) && !kept.Contains(number))
                {
                    layout.MoveAwayAndDelete(folder);
                }
            }
        }
        if (record.Deploying is { } interrupted)
        {
            var reason = $"The deploy of {VersionId.Format(interrupted)} was interrupted: the server stopped before it finished.";
            deployment.Log.Write("faas", reason);
            record = record with { Deploying = null, LastFailure = new DeployFailure(interrupted, time.GetUtcNow(), reason) };
            store.Save(record);
            deployment.Record = record;
        }
        return record;
    }

    /// <summary>
    /// An app folder without a record: put there by hand, or stored by an older server (files directly in
    /// the folder, record in <c>deployment.json</c>). Its files become its source and, like the original
    /// does with such folders, it is deployed.
    /// </summary>
    private DeploymentRecord Adopt(AppName name)
    {
        var directory = layout.AppDirectory(name);
        var legacy = store.LoadLegacy(name);
        if (!Directory.Exists(layout.SourceDirectory(name)))
        {
            var staging = Path.Combine(layout.StagingDirectory, Guid.NewGuid().ToString("N"));
            Directory.Move(directory, staging);
            Directory.CreateDirectory(directory);
            Directory.Move(staging, layout.SourceDirectory(name));
        }
        var record = (legacy ?? new DeploymentRecord { Name = name.Value, Deployed = true }) with { Versions = [], Active = null, Deploying = null };
        store.Save(record);
        return record;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping {Folder}: not a valid app name.")]
    private partial void LogSkippedFolder(string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restoring {App} {Version} failed: {Reason}")]
    private partial void LogVersionRestoreFailed(string app, string version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restoring {App} failed; it stays in 'fail' until it is deployed again: {Reason}")]
    private partial void LogRestoreFailed(string app, string reason);
}
