using Faas.Core.Apps;
using Faas.Core.Installers;
using Faas.Core.Logging;
using Faas.Core.Manifests;
using Faas.Core.Storage;
using Faas.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Faas.Core.Deployments;

/// <summary>
/// An app's life: publish its files (from a zip or a clone, built in a staging folder and moved into
/// place in one rename), deploy it (install dependencies, start and load its workers), redeploy,
/// delete, and restore everything after a restart.
/// </summary>
public sealed partial class DeploymentManager(
    DataLayout layout,
    DeploymentStore store,
    DeploymentRegistry registry,
    DependencyInstaller installer,
    WorkerRuntimes runtimes,
    WorkerOptions workerOptions,
    RuntimeStarter starter,
    ILogger<DeploymentManager> logger)
{
    /// <summary>Moves a prepared staging folder into place as app <paramref name="name"/>.</summary>
    public async Task PublishAsync(AppName name, string stagingDirectory, DeploymentRecord record, CancellationToken cancellationToken)
    {
        var gate = registry.NameGate(name);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (registry.TryGet(name, out var existing))
            {
                if (existing.Status == DeploymentStatus.Ready)
                {
                    throw new FaasException(FaasError.BadRequest, $"There is an application with name '{name}' already deployed, delete it first.");
                }
                // Uploaded but never deployed, or failed: the new upload replaces it.
                await RemoveAsync(existing).ConfigureAwait(false);
            }
            store.Save(record);
            Directory.Move(stagingDirectory, layout.AppDirectory(name));
            var deployment = new Deployment(name, record, new AppLog(layout.LogFile(name)));
            deployment.Log.Write("faas", $"Uploaded from {record.Source}{(record.RepositoryUrl is null ? "" : $" {record.RepositoryUrl} ({record.Branch})")}.");
            registry.Set(deployment);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Installs, starts and loads the app; replaces its running workers if it was already up.</summary>
    public async Task<Deployment> DeployAsync(string? suffix, IReadOnlyList<EnvVar> env, CancellationToken cancellationToken)
    {
        var deployment = registry.Get(suffix, FaasError.BadRequest);
        await deployment.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Deleted (or replaced by a new upload) while this deploy waited for the gate.
            if (registry.Get(suffix, FaasError.BadRequest) != deployment)
            {
                throw new FaasException(FaasError.BadRequest, $"Invalid deployment id: {suffix}");
            }
            var record = deployment.Record with { Env = MergeEnv(deployment.Record.Env, env), Installed = false, Deployed = true };
            await StartAsync(deployment, record, install: true, cancellationToken).ConfigureAwait(false);
            return deployment;
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
            await RemoveAsync(deployment).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Brings back every stored app; apps that were deployed are started again.</summary>
    public async Task RestoreAllAsync(CancellationToken cancellationToken)
    {
        layout.EnsureCreated();
        DeleteQuietly(layout.StagingDirectory);
        Directory.CreateDirectory(layout.StagingDirectory);
        var toStart = new List<(Deployment, DeploymentRecord)>();
        foreach (var directory in Directory.EnumerateDirectories(layout.AppsDirectory))
        {
            if (!AppName.TryParse(Path.GetFileName(directory), out var name))
            {
                LogSkippedFolder(directory);
                continue;
            }
            // A folder with no record was put there by hand (or the server died while publishing):
            // like the original, it is deployed.
            var record = store.Load(name) ?? new DeploymentRecord { Name = name.Value, Deployed = true };
            var deployment = new Deployment(name, record, new AppLog(layout.LogFile(name)));
            registry.Set(deployment);
            if (record.Deployed)
            {
                toStart.Add((deployment, record));
            }
        }
        foreach (var state in Directory.EnumerateDirectories(layout.StateDirectory))
        {
            if (!Directory.Exists(Path.Combine(layout.AppsDirectory, Path.GetFileName(state))))
            {
                DeleteQuietly(state);
            }
        }
        await Parallel.ForEachAsync(toStart, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var (deployment, record) = item;
            await deployment.Gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await StartAsync(deployment, record, install: !record.Installed, ct).ConfigureAwait(false);
            }
            catch (FaasException e)
            {
                // Recorded as 'fail' with its reason in the app's log.
                LogRestoreFailed(deployment.Name.Value, e.Message);
            }
            finally
            {
                deployment.Gate.Release();
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Stops every app's workers (server shutdown); files and records stay.</summary>
    public async Task StopAllAsync()
    {
        await Task.WhenAll(registry.All.Select(async d =>
        {
            if (d.Runtime is { } runtime)
            {
                d.Runtime = null;
                await runtime.DisposeAsync().ConfigureAwait(false);
            }
            d.Log.Dispose();
        })).ConfigureAwait(false);
    }

    private async Task StartAsync(Deployment deployment, DeploymentRecord record, bool install, CancellationToken cancellationToken)
    {
        var name = deployment.Name;
        using var scope = AppScope.Begin(logger, name.Value);
        LogDeployStarting(name.Value, install ? "deploy" : "restore");
        var appDirectory = layout.AppDirectory(name);
        deployment.Record = record;
        deployment.Status = DeploymentStatus.Create;
        deployment.Error = null;
        store.Save(record);
        try
        {
            var manifest = ManifestScanner.Scan(appDirectory, runtimes.Languages);
            if (install)
            {
                var targets = new InstallTargets(layout.PythonPackagesDirectory(name), layout.RubyGemsDirectory(name), layout.InstallKeysFile(name));
                await installer.InstallAsync(appDirectory, targets, deployment.Log, cancellationToken).ConfigureAwait(false);
                record = record with { Installed = true };
                deployment.Record = record;
                store.Save(record);
            }
            var environment = record.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
            var languageEnvironment = await LanguageEnvironmentAsync(manifest, deployment, cancellationToken).ConfigureAwait(false);
            var launch = new WorkerLaunch(runtimes, workerOptions, appDirectory, environment, [layout.PythonPackagesDirectory(name)], languageEnvironment);
            // A restored app whose dependencies are in place starts its workers on the first call.
            var runtime = await starter.StartAsync(name, manifest, launch, deployment.Log, restoring: !install, cancellationToken).ConfigureAwait(false);
            runtime.Failed += reason => OnRuntimeFailed(deployment, runtime, reason);
            var previous = deployment.Runtime;
            deployment.Runtime = runtime;
            deployment.Status = DeploymentStatus.Ready;
            deployment.Log.Write("faas", $"Ready: {string.Join(", ", manifest.Languages.DefaultIfEmpty("no functions"))}.");
            LogDeployReady(name.Value, string.Join(", ", manifest.Languages.DefaultIfEmpty("no functions")));
            if (previous is not null)
            {
                await previous.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (FaasException e)
        {
            deployment.Status = DeploymentStatus.Fail;
            deployment.Error = e.Message;
            deployment.Log.Write("faas", $"Deploy failed: {e.Message}");
            LogDeployFailed(name.Value, e.Message);
            throw new FaasException(FaasError.DeployFailed, $"The deployment of '{name}' failed: {e.Message}", e);
        }
    }

    /// <summary>What one language's workers need beyond the app's env.</summary>
    private async Task<Dictionary<string, IReadOnlyDictionary<string, string>>> LanguageEnvironmentAsync(
        AppManifest manifest, Deployment deployment, CancellationToken cancellationToken)
    {
        var extra = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (manifest.ScriptsByLanguage.ContainsKey(WorkerRuntimes.Ruby))
        {
            // Bundler must find the gems where the installer put them, whatever the app's env says.
            extra[WorkerRuntimes.Ruby] = RubyBundle.WorkerEnvironment(layout.AppDirectory(deployment.Name), layout.RubyGemsDirectory(deployment.Name));
        }
        if (manifest.ScriptsByLanguage.ContainsKey(WorkerRuntimes.TypeScript))
        {
            // Only ts apps need the compiler (installed once, then found on disk); the ts worker reads its path.
            var compiler = await TypeScriptToolchain.EnsureAsync(layout.Root, workerOptions, deployment.Log, cancellationToken).ConfigureAwait(false);
            extra[WorkerRuntimes.TypeScript] = new Dictionary<string, string> { [TypeScriptToolchain.EnvironmentVariable] = compiler };
        }
        return extra;
    }

    private static void OnRuntimeFailed(Deployment deployment, AppRuntime runtime, string reason)
    {
        if (deployment.Runtime == runtime)
        {
            deployment.Status = DeploymentStatus.Fail;
            deployment.Error = $"Its workers keep failing to start: {reason}";
        }
    }

    private async Task RemoveAsync(Deployment deployment)
    {
        await deployment.Gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            registry.Remove(deployment.Name);
            if (deployment.Runtime is { } runtime)
            {
                deployment.Runtime = null;
                await runtime.DisposeAsync().ConfigureAwait(false);
            }
            deployment.Log.Dispose();
            // Renamed away first, so a crash mid-delete never leaves half an app under its name.
            MoveAwayAndDelete(layout.AppDirectory(deployment.Name));
            MoveAwayAndDelete(layout.AppStateDirectory(deployment.Name));
        }
        finally
        {
            deployment.Gate.Release();
        }
    }

    private void MoveAwayAndDelete(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }
        var trash = Path.Combine(layout.StagingDirectory, "deleted-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(layout.StagingDirectory);
        Directory.Move(directory, trash);
        DeleteQuietly(trash);
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next start-up's clean-up of the staging folder.
        }
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping {Folder}: not a valid app name.")]
    private partial void LogSkippedFolder(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deploy of {App} failed: {Reason}")]
    private partial void LogDeployFailed(string app, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {App} ({Reason}).")]
    private partial void LogDeployStarting(string app, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{App} is ready: {Languages}.")]
    private partial void LogDeployReady(string app, string languages);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restoring {App} failed; it stays in 'fail' until it is deployed again: {Reason}")]
    private partial void LogRestoreFailed(string app, string reason);
}
