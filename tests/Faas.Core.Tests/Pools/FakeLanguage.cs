using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Workers;

namespace Faas.Core.Tests.Pools;

/// <summary>The fake worker's language: pools only ask it for its name and defaults.</summary>
internal sealed class FakeLanguage(bool eventLoop = false) : ILanguage
{
    public LanguageInfo Info { get; } = new("fake", "Fake", [], [".fake"], RunsCallsOnOneEventLoop: eventLoop);

    public RuntimeRequirement Runtime(WorkerOptions options) => new("Node.js", "node", ["--version"], "none", "none", []);

    public IReadOnlyList<string> Detect(RootFiles root) => [];

    public Task<IReadOnlyList<InstallStep>> PlanInstallsAsync(InstallContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InstallStep>>([]);

    public Task<WorkerStart> LaunchAsync(LaunchContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The fake pool builds its start itself.");

    public WorkerStart LimitMemory(WorkerStart start, int megabytes) => start;
}
