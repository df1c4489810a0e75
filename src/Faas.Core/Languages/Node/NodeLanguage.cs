using Faas.Core.Installers;
using Faas.Core.Paths;
using Faas.Core.Workers;

namespace Faas.Core.Languages.Node;

/// <summary>
/// JavaScript on Node.js (<c>workers/node/worker.js</c>). Detected by <c>package.json</c>'s <c>main</c>,
/// else by extension; <c>npm install</c> in every folder whose package.json declares dependencies
/// (into that folder's node_modules, where <c>require</c> finds them); memory capped by V8's heap limit.
/// </summary>
internal sealed class NodeLanguage : ILanguage
{
    public LanguageInfo Info { get; } = new("node", "Node.js", ["nodejs", "javascript", "js"], [".js", ".mjs", ".cjs"], RunsCallsOnOneEventLoop: true);

    public RuntimeRequirement Runtime(WorkerOptions options) => Requirement(options, "worker.js");

    /// <summary>Node.js with one of the files of <c>workers/node</c> (TypeScript's worker is there too).</summary>
    internal static RuntimeRequirement Requirement(WorkerOptions options, string workerFile) =>
        new("Node.js", options.NodePath, ["--version"], "Faas:Workers:NodePath", "apt-get install nodejs npm",
            [Path.Combine(options.ResolveWorkersDirectory(), "node", workerFile)]);

    public IReadOnlyList<string> Detect(RootFiles root) =>
        root.Has(NpmPackage.FileName) && NpmPackage.Main(root.Directory, Info.Extensions) is { } main
            ? [main]
            : ScriptFiles.WithExtensions(root, Info.Extensions);

    public async Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken)
    {
        var steps = new List<InstallStep>();
        foreach (var folder in AppFiles.FoldersWith(context.AppDirectory, NpmPackage.FileName))
        {
            if (NpmPackage.DeclaresDependencies(Path.Combine(folder, NpmPackage.FileName)))
            {
                var runtime = await context.RequireRuntimeAsync(cancellationToken).ConfigureAwait(false);
                steps.Add(new InstallStep("npm install", folder, runtime.Key,
                    [.. new[] { NpmPackage.FileName, "package-lock.json", "npm-shrinkwrap.json" }.Select(f => Path.Combine(folder, f))],
                    Path.Combine(folder, "node_modules"),
                    context.Options.NpmPath, ["install", "--no-audit", "--no-fund", "--no-progress", "--omit=dev"]));
            }
        }
        return steps;
    }

    public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerStart(new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("node", "worker.js")])));

    public WorkerStart LimitMemory(WorkerStart start, int megabytes) => LimitHeap(start, megabytes);

    /// <summary>V8 enforces its heap limit itself; an address-space rlimit would break V8's reservations.</summary>
    internal static WorkerStart LimitHeap(WorkerStart start, int megabytes) =>
        start.WithLeadingArguments($"--max-old-space-size={megabytes}");
}
