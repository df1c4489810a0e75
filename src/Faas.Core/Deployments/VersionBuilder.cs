using Faas.Core.Installers;
using Faas.Core.Logging;
using Faas.Core.Manifests;
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
    WorkerRuntimes runtimes,
    WorkerOptions workerOptions,
    RuntimeStarter starter)
{
    public async Task<AppVersion> BuildAsync(Deployment app, VersionRecord record, CancellationToken cancellationToken)
    {
        var name = app.Name;
        var directory = layout.VersionDirectory(name, record.Number);
        Discard(app, record.Number);
        CopyDirectory(layout.SourceDirectory(name), directory);
        var manifest = ManifestScanner.Scan(directory, runtimes.Languages);
        var targets = new InstallTargets(
            layout.PythonPackagesDirectory(name, record.Number), layout.RubyGemsDirectory(name, record.Number), layout.InstallKeysFile(name, record.Number));
        await installer.InstallAsync(directory, targets, app.Log, cancellationToken).ConfigureAwait(false);
        var runtime = await StartAsync(app, record, directory, manifest, cold: false, cancellationToken).ConfigureAwait(false);
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
        var manifest = ManifestScanner.Scan(directory, runtimes.Languages);
        var runtime = await StartAsync(app, record, directory, manifest, cold: true, cancellationToken).ConfigureAwait(false);
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

    private async Task<AppRuntime> StartAsync(
        Deployment app, VersionRecord record, string directory, AppManifest manifest, bool cold, CancellationToken cancellationToken)
    {
        var environment = record.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var languageEnvironment = await LanguageEnvironmentAsync(manifest, app, record.Number, directory, cancellationToken).ConfigureAwait(false);
        var launch = new WorkerLaunch(runtimes, workerOptions, directory, environment,
            [layout.PythonPackagesDirectory(app.Name, record.Number)], languageEnvironment);
        var runtime = await starter.StartAsync(manifest, launch, app.Log, layout.FunctionsFile(app.Name, record.Number), cold, cancellationToken)
            .ConfigureAwait(false);
        return runtime;
    }

    /// <summary>What one language's workers need beyond the app's env.</summary>
    private async Task<Dictionary<string, IReadOnlyDictionary<string, string>>> LanguageEnvironmentAsync(
        AppManifest manifest, Deployment app, int number, string directory, CancellationToken cancellationToken)
    {
        var extra = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (manifest.ScriptsByLanguage.ContainsKey(WorkerRuntimes.Ruby))
        {
            // Bundler must find the gems where the installer put them, whatever the app's env says.
            extra[WorkerRuntimes.Ruby] = RubyBundle.WorkerEnvironment(directory, layout.RubyGemsDirectory(app.Name, number));
        }
        if (manifest.ScriptsByLanguage.ContainsKey(WorkerRuntimes.TypeScript))
        {
            // Only ts apps need the compiler (installed once, then found on disk); the ts worker reads its path.
            var compiler = await TypeScriptToolchain.EnsureAsync(layout.Root, workerOptions, app.Log, cancellationToken).ConfigureAwait(false);
            extra[WorkerRuntimes.TypeScript] = new Dictionary<string, string> { [TypeScriptToolchain.EnvironmentVariable] = compiler };
        }
        return extra;
    }

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
