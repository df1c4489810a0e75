using Faas.Core.Installers;
using Faas.Core.Workers;

namespace Faas.Core.Languages.CSharp;

/// <summary>
/// C# on .NET: the C# worker (<c>workers/csharp/Faas.Worker.CSharp.dll</c>, built with the server)
/// compiles listed <c>.cs</c> scripts with Roslyn or builds a listed <c>.csproj</c>. Never detected in
/// a plain folder (a folder of .cs files is rarely a set of functions); no installs (a .csproj
/// restores its own packages when built); memory capped by the GC's hard heap limit.
/// </summary>
internal sealed class CSharpLanguage : ILanguage
{
    public LanguageInfo Info { get; } = new("cs", "C#", ["csharp"], [".cs"]);

    public RuntimeRequirement Runtime(WorkerOptions options) =>
        new(".NET", options.DotnetPath, ["--version"], "Faas:Workers:DotnetPath", "the .NET 10 SDK (apt-get install dotnet-sdk-10.0)",
            [Path.Combine(options.ResolveWorkersDirectory(), "csharp", "Faas.Worker.CSharp.dll")]);

    public IReadOnlyList<string> Detect(RootFiles root) => [];

    public Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InstallStep>>([]);

    public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerStart(new WorkerCommand(context.Runtime.Executable, [context.WorkerFile("csharp", "Faas.Worker.CSharp.dll")])));

    // An address-space limit would break the runtime's up-front reservations; the GC enforces this one (hex bytes).
    public WorkerStart LimitMemory(WorkerStart start, int megabytes) =>
        start.WithVariable("DOTNET_GCHeapHardLimit", ((long)megabytes * 1024 * 1024).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
}
