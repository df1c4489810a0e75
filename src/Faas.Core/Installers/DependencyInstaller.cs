using Faas.Core.Languages;
using Faas.Core.Logging;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Installers;

/// <summary>
/// Installs an app's dependencies: each language, in the registry's order, plans the installs its
/// dependency manifests ask for (one step per folder), and they run here. A manifest that declares nothing plans nothing, so an app without dependencies
/// never touches the network. Installs are incremental: a folder whose manifest, lock files and
/// runtime are unchanged since its last install (see <see cref="InstallKeys"/>), and whose output is
/// still there, is not installed again.
/// </summary>
public sealed class DependencyInstaller(LanguageRuntimes runtimes, WorkerOptions options)
{
    public async Task InstallAsync(string appDirectory, InstallTargets targets, AppLog log, CancellationToken cancellationToken)
    {
        var keys = InstallKeys.Load(targets.KeysFile);
        foreach (var language in runtimes.Languages.All)
        {
            var context = new InstallContext(appDirectory, targets.DependenciesDirectory, options, ct => runtimes.RequireAsync(language, ct));
            foreach (var step in await language.PlanInstallsAsync(context, cancellationToken).ConfigureAwait(false))
            {
                await RunAsync(step, appDirectory, keys, log, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(InstallStep step, string appDirectory, InstallKeys keys, AppLog log, CancellationToken cancellationToken)
    {
        var id = step.Id(appDirectory);
        if (keys.Matches(id, InstallKeys.Compute(step.Runtime, step.KeyFiles)) && Directory.Exists(step.Output))
        {
            log.Write("install", $"{id} skipped: dependencies unchanged");
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
        await InstallCommand.RunAsync(id, step.FileName, step.Arguments, step.Folder, step.Environment, options.InstallTimeout, log, cancellationToken)
            .ConfigureAwait(false);
        // Keyed after the install: it may have written a lock file the key covers.
        keys.Set(id, InstallKeys.Compute(step.Runtime, step.KeyFiles));
    }
}
