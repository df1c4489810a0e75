using Faas.Core.Installers;
using Faas.Core.Languages.Node;
using Faas.Core.Workers;

namespace Faas.Core.Languages.TypeScript;

/// <summary>
/// TypeScript on Node.js: the Node.js worker plus a compile hook (<c>workers/node/ts-worker.js</c>),
/// with the pinned compiler installed once per server by <see cref="TypeScriptToolchain"/>. Detected
/// by extension (not <c>*.d.ts</c>); its npm dependencies are Node.js's installs; memory as Node.js.
/// </summary>
internal sealed class TypeScriptLanguage : ILanguage
{
    /// <summary>Read by the ts worker: the folder of the <c>typescript</c> module.</summary>
    private const string CompilerVariable = "FAAS_TYPESCRIPT";

    public LanguageInfo Info { get; } = new("ts", "TypeScript", ["typescript"], [".ts"], RunsCallsOnOneEventLoop: true);

    public RuntimeRequirement Runtime(WorkerOptions options) => NodeLanguage.Requirement(options, "ts-worker.js");

    public IReadOnlyList<string> Detect(RootFiles root) =>
        ScriptFiles.WithExtensions(root, Info.Extensions, (name, _) => name.EndsWith(".d.ts", StringComparison.Ordinal));

    public Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InstallStep>>([]);

    // Only ts apps need the compiler (installed once, then found on disk).
    public async Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken)
    {
        var compiler = await TypeScriptToolchain.EnsureAsync(context.ToolsDirectory, context.Options, context.Log, context.Isolation, cancellationToken).ConfigureAwait(false);
        return new WorkerStart(new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("node", "ts-worker.js")]))
            .WithVariable(CompilerVariable, compiler);
    }

    public WorkerStart LimitMemory(WorkerStart start, int megabytes) => NodeLanguage.LimitHeap(start, megabytes);
}
