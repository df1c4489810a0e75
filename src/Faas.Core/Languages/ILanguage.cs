namespace Faas.Core.Languages;

/// <summary>
/// Everything the server knows about one language, kept in its own folder under <c>Languages/</c>
/// and listed once in <see cref="LanguageRegistry"/>: its names, how its scripts are found in a
/// plain folder, its dependency installs, how its workers start and how their memory is limited.
/// Deployments, pools, installers and the detector only ask these questions; none names a language.
/// </summary>
public interface ILanguage
{
    /// <summary>Its id, aliases, name, script extensions and pool defaults.</summary>
    LanguageInfo Info { get; }

    /// <summary>The runtime its workers need: probed once per server run (<c>GET /api/runtimes</c>).</summary>
    RuntimeRequirement Runtime(Workers.WorkerOptions options);

    /// <summary>The scripts it loads from an app that has no <c>metacall*.json</c> (full paths, in load order; empty: none).</summary>
    IReadOnlyList<string> Detect(RootFiles root);

    /// <summary>The dependency installs an app needs for this language, in order (empty: none).</summary>
    Task<IReadOnlyList<Installers.InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken);

    /// <summary>How its workers start for one app: command, arguments, its own environment, import paths.</summary>
    Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken);

    /// <summary><paramref name="start"/> with each worker's memory capped at <paramref name="megabytes"/>, by this runtime's own means.</summary>
    WorkerStart LimitMemory(WorkerStart start, int megabytes);
}
