using Faas.Core.Installers;
using Faas.Core.Languages;
using Faas.Core.Pools;
using Faas.Core.Processes;
using Faas.Core.Storage;

namespace Faas.Core.Workers;

/// <summary>
/// How one version's workers are isolated (see <see cref="Isolation"/>): they read the version's
/// folder, its dependencies folder and the dependency-cache entries it links to, and the server's
/// workers and tools folders; they write only their scratch folder. The cache entries are read when
/// each worker starts, since the version's installs run after its launch is prepared.
/// </summary>
/// <param name="Trusted">Server folders the workers read: the language workers, the tools (TypeScript's compiler).</param>
public sealed record WorkerSandbox(
    Isolation Isolation, string AppDirectory, string DependenciesDirectory, string DependencyCacheDirectory, IReadOnlyList<string> Trusted)
{
    public Task<IsolatedCommand> PrepareAsync(WorkerStart start, PoolOptions options, CancellationToken cancellationToken)
    {
        // Keys come from a file an install could have written: only a hex key names a folder of the cache.
        var cacheEntries = InstallKeys.CacheKeysIn(Path.Combine(DependenciesDirectory, "install-keys.json"))
            .Where(key => key.Length == 64 && key.All(char.IsAsciiHexDigitLower))
            .Select(key => Path.Combine(DependencyCacheDirectory, key, "output"));
        var spec = new SandboxSpec(AppDirectory, DataLayout.ScratchOf(DependenciesDirectory),
            [AppDirectory, DependenciesDirectory, .. cacheEntries], [], Trusted, options.Network);
        return Isolation.PrepareAsync(start.Command.FileName, start.Command.Arguments,
            start.Environment.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), spec, options.Limits, cancellationToken);
    }
}
