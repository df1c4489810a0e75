using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Paths;
using Faas.Core.Processes;
using Faas.Core.Storage;
using Faas.Core.Workers;

namespace Faas.Core.Installers;

/// <summary>
/// Installs an app's dependencies: each language, in the registry's order, plans the installs its
/// dependency manifests ask for (one step per folder), and they run here. A manifest that declares
/// nothing plans nothing, so an app without dependencies never touches the network. An install's
/// output is kept in the <see cref="DependencyCache"/> under the key of its inputs (the tool, the
/// runtime, the manifest and lock files as uploaded) and linked into every version with the same
/// key. Within one folder, a step whose inputs are unchanged since its last install (see
/// <see cref="InstallKeys"/>) and whose output is still there is not run again.
/// </summary>
public sealed class DependencyInstaller(LanguageRuntimes runtimes, WorkerOptions options, DependencyCache cache, Isolation? isolation = null)
{
    public async Task InstallAsync(string appDirectory, InstallTargets targets, AppLog log, CancellationToken cancellationToken)
    {
        var keys = InstallKeys.Load(targets.KeysFile);
        var steps = new List<InstallStep>();
        foreach (var language in runtimes.Languages.All)
        {
            var context = new InstallContext(appDirectory, targets.DependenciesDirectory, options, ct => runtimes.RequireAsync(language, ct));
            steps.AddRange(await language.PlanInstallsAsync(context, cancellationToken).ConfigureAwait(false));
        }
        foreach (var step in steps)
        {
            // Steps that fill one folder together (two requirements.txt into one --target) cannot share a cache entry.
            var cacheable = steps.Count(s => s.Output == step.Output) == 1;
            await RunAsync(step, appDirectory, targets, keys, cacheable, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(InstallStep step, string appDirectory, InstallTargets targets, InstallKeys keys, bool cacheable, AppLog log, CancellationToken cancellationToken)
    {
        var id = step.Id(appDirectory);
        if (keys.Matches(id, InstallKeys.Compute(step.Runtime, step.KeyFiles)) && Directory.Exists(step.Output))
        {
            log.Write("install", $"{id} skipped: dependencies unchanged");
            return;
        }
        // Keyed before the install (it may write a lock file): the key of the files as uploaded.
        var cacheKey = InstallKeys.Compute($"{step.What}\n{step.Runtime}", step.KeyFiles);
        if (cacheable && cache.TryLink(cacheKey, step.Output, step.Folder, step.KeyFiles))
        {
            log.Write("install", $"{id} skipped: dependencies unchanged (cached {cacheKey[..12]})");
            keys.Set(id, InstallKeys.Compute(step.Runtime, step.KeyFiles));
            keys.SetCacheKey(id, cacheKey);
            return;
        }
        // Forgotten first: an install that dies halfway must not look finished next time.
        keys.Set(id, null);
        if (!SafePath.IsInside(step.Folder, step.Output))
        {
            // A folder outside the app (the language's dependencies folder); tools installing inside the app make their own.
            Directory.CreateDirectory(step.Output);
        }
        log.Write("install", id);
        // Sandboxed: it writes the version's folders only (its own scratch folder, npm's download cache).
        var command = await InstallSandbox.PrepareAsync(isolation, step.FileName, step.Arguments, step.Environment, step.Folder,
            [appDirectory, targets.DependenciesDirectory], DataLayout.ScratchOf(targets.DependenciesDirectory), cache.ToolCacheDirectory("npm"),
            cancellationToken).ConfigureAwait(false);
        await InstallCommand.RunAsync(id, command, step.Folder, options.InstallTimeout, log, cancellationToken).ConfigureAwait(false);
        if (cacheable)
        {
            cache.Adopt(cacheKey, step.Output, step.Folder, step.KeyFiles);
            keys.SetCacheKey(id, cacheKey);
        }
        // Keyed after the install: it may have written a lock file the key covers.
        keys.Set(id, InstallKeys.Compute(step.Runtime, step.KeyFiles));
    }
}
