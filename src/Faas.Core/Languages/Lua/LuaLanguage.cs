using Faas.Core.Installers;
using Faas.Core.Workers;

namespace Faas.Core.Languages.Lua;

/// <summary>
/// Lua 5.4 (<c>workers/lua/worker.lua</c> on Debian's <c>lua5.4</c>). Detected by extension; no
/// dependency installs (the sandbox has no <c>require</c>). One call at a time per worker, in order
/// (pipelined); memory capped by RLIMIT_AS through <c>prlimit</c>.
/// </summary>
internal sealed class LuaLanguage : ILanguage
{
    public LanguageInfo Info { get; } = new("lua", "Lua", [], [".lua"], CallsPerWorker: 1);

    public RuntimeRequirement Runtime(WorkerOptions options) =>
        new("Lua", options.ExecutableFor("lua", "lua5.4"), ["-v"], "Faas:Workers:Executables:lua", "apt-get install lua5.4",
            [Path.Combine(options.ResolveWorkersDirectory(), "lua", "worker.lua")]);

    public IReadOnlyList<string> Detect(RootFiles root) =>
        ScriptFiles.WithExtensions(root, Info.Extensions, (_, stem) => ScriptFiles.IsTestStem(stem, "_test", "_spec"));

    public Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InstallStep>>([]);

    public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerStart(new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("lua", "worker.lua")])));

    public WorkerStart LimitMemory(WorkerStart start, int megabytes) => start.WithAddressSpaceLimit(megabytes);
}
