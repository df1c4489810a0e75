using Faas.Core.Installers;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Languages.Python;

/// <summary>
/// Python 3 (<c>workers/python/worker.py</c>), one call per worker process by default. Detected by
/// <c>main.py</c> beside <c>requirements.txt</c> or <c>pyproject.toml</c>, else by extension; every
/// <c>requirements.txt</c> is installed with <c>pip install --target</c> into the app's
/// <c>python/</c> dependencies folder, which the worker adds to <c>sys.path</c>; memory capped by
/// RLIMIT_AS, which the worker sets on itself (<c>faas_guard.py</c>).
/// </summary>
internal sealed class PythonLanguage : ILanguage
{
    /// <summary>Read by the worker: the address-space limit in MiB.</summary>
    private const string MemoryLimitVariable = "FAAS_MEMORY_LIMIT_MB";

    public LanguageInfo Info { get; } = new("py", "Python", ["python", "python3"], [".py"], CallsPerWorker: 1);

    // The version, then the real executable behind a shim, so workers start without pyenv's cost.
    public RuntimeRequirement Runtime(WorkerOptions options) =>
        new("Python", options.PythonPath, ["-c", "import sys; print('Python', sys.version.split()[0]); print(sys.executable)"],
            "Faas:Workers:PythonPath", "apt-get install python3 python3-pip",
            [Path.Combine(options.ResolveWorkersDirectory(), "python", "worker.py")]);

    public IReadOnlyList<string> Detect(RootFiles root) =>
        (root.Has(PipRequirements.FileName) || root.Has("pyproject.toml")) && root.Has("main.py")
            ? [root.PathOf("main.py")]
            : ScriptFiles.WithExtensions(root, Info.Extensions,
                (name, stem) => name is "setup.py" or "conftest.py" || ScriptFiles.IsTestStem(stem, "_test"));

    public async Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var steps = new List<InstallStep>();
        var packages = Packages(context.DependenciesDirectory);
        foreach (var folder in AppFiles.FoldersWith(context.AppDirectory, PipRequirements.FileName))
        {
            var requirements = Path.Combine(folder, PipRequirements.FileName);
            if (PipRequirements.DeclaresAny(requirements))
            {
                var runtime = await context.RequireRuntimeAsync(cancellationToken).ConfigureAwait(false);
                steps.Add(new InstallStep("pip install", folder, runtime.Key,
                    [requirements, .. PipRequirements.LocalFilesNamedIn(requirements, context.AppDirectory)], packages,
                    runtime.Executable, ["-m", "pip", "install", "-r", PipRequirements.FileName, "--target", packages, "--upgrade",
                     "--disable-pip-version-check", "--no-input", "--no-warn-script-location"]));
            }
        }
        return steps;
    }

    public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerStart(
            new WorkerCommand(context.Runtime.Executable, ["-u", context.WorkerFile("python", "worker.py")]),
            new Dictionary<string, string>(StringComparer.Ordinal),
            [Packages(context.DependenciesDirectory)]));

    public WorkerStart LimitMemory(WorkerStart start, int megabytes) =>
        start.WithFewMallocArenas().WithVariable(MemoryLimitVariable, megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Packages(string dependenciesDirectory) => Path.Combine(dependenciesDirectory, "python");
}
