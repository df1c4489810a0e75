using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Servers;
using Faas.Core.Storage;
using Faas.Core.Workers;

namespace Faas.Core.Deployments;

/// <summary>
/// Makes a version of an app: copies its source into the version's own folder, installs its
/// dependencies there and starts its runtime (the first worker of each language loads the scripts, so
/// a syntax error or a crash on load fails the build). Also reopens a kept version after a restart
/// or a rollback, without installing, its workers starting on the first call.
/// </summary>
public sealed class VersionBuilder(
    DataLayout layout,
    DependencyInstaller installer,
    DependencyCache cache,
    LanguageRuntimes runtimes,
    RuntimeStarter starter,
    ServerStarter servers)
{
    public async Task<AppVersion> BuildAsync(Deployment app, VersionRecord record, CancellationToken cancellationToken)
    {
        var name = app.Name;
        var directory = layout.VersionDirectory(name, record.Number);
        Discard(app, record.Number);
        CopyDirectory(layout.SourceDirectory(name), directory);
        var targets = new InstallTargets(layout.DependenciesDirectory(name, record.Number), layout.InstallKeysFile(name, record.Number));
        if (servers.Find(directory, record.Kind) is { } kind)
        {
            if (kind.InstallsDependencies)
            {
                await installer.InstallAsync(directory, targets, app.Log, cancellationToken).ConfigureAwait(false);
            }
            var server = await servers.StartAsync(kind, name.Value, record, directory, targets.DependenciesDirectory, app.Log, cold: false, cancellationToken)
                .ConfigureAwait(false);
            return new AppVersion(record, directory, server);
        }
        var manifest = ManifestScanner.Scan(directory, runtimes.Languages);
        // Before any install: an app needing a missing runtime fails at once, naming what to install.
        var launch = await PrepareLaunchAsync(app, record, directory, manifest, cancellationToken).ConfigureAwait(false);
        await installer.InstallAsync(directory, targets, app.Log, cancellationToken).ConfigureAwait(false);
        var runtime = await starter.StartAsync(app.Name.Value, manifest, launch, app.Log, layout.FunctionsFile(name, record.Number), cold: false, cancellationToken)
            .ConfigureAwait(false);
        return new AppVersion(record, directory, runtime);
    }

    /// <summary>A kept version, registered from its saved function list (loaded now only if that is missing).</summary>
    public async Task<AppVersion> OpenAsync(Deployment app, VersionRecord record, CancellationToken cancellationToken)
    {
        var directory = layout.VersionDirectory(app.Name, record.Number);
        if (!Directory.Exists(directory))
        {
            throw new FaasException(FaasError.DeployFailed, $"The files of {record.Id} are missing.");
        }
        if (servers.Find(directory, record.Kind) is { } kind)
        {
            var server = await servers.StartAsync(kind, app.Name.Value, record, directory, layout.DependenciesDirectory(app.Name, record.Number), app.Log, cold: true, cancellationToken)
                .ConfigureAwait(false);
            return new AppVersion(record, directory, server);
        }
        var manifest = ManifestScanner.Scan(directory, runtimes.Languages);
        var launch = await PrepareLaunchAsync(app, record, directory, manifest, cancellationToken).ConfigureAwait(false);
        var runtime = await starter.StartAsync(app.Name.Value, manifest, launch, app.Log, layout.FunctionsFile(app.Name, record.Number), cold: true, cancellationToken)
            .ConfigureAwait(false);
        return new AppVersion(record, directory, runtime);
    }

    /// <summary>Removes what a version left on disk (a failed build, or a version past retention).</summary>
    public void Discard(Deployment app, int number)
    {
        layout.MoveAwayAndDelete(layout.VersionDirectory(app.Name, number));
        layout.MoveAwayAndDelete(layout.VersionStateDirectory(app.Name, number));
    }

    /// <summary>Trims the dependency cache to its size, keeping what any kept version links to.</summary>
    public void PruneDependencyCache() =>
        cache.Prune(layout.AllInstallKeysFiles().SelectMany(InstallKeys.CacheKeysIn).ToHashSet(StringComparer.Ordinal));

    /// <summary>How each language's workers start: the languages' own preparation, the version's env, its dependencies folder.</summary>
    private Task<WorkerLaunch> PrepareLaunchAsync(Deployment app, VersionRecord record, string directory, AppManifest manifest, CancellationToken cancellationToken) =>
        runtimes.PrepareLaunchAsync(manifest, directory, layout.DependenciesDirectory(app.Name, record.Number),
            record.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal), app.Log, cancellationToken);

    /// <summary>Copies the source's files (never links: uploads and clones hold none that are followed).</summary>
    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }
            var target = Path.Combine(to, entry.Name);
            if (entry is DirectoryInfo)
            {
                CopyDirectory(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
