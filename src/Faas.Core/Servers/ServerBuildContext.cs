using Faas.Core.Logging;

namespace Faas.Core.Servers;

/// <summary>What a server kind needs to build and start one version of an app.</summary>
/// <param name="App">The app's name.</param>
/// <param name="Version">The version's id (<c>v3</c>).</param>
/// <param name="Directory">The version's files.</param>
/// <param name="DependenciesDirectory">The version's installed packages (<c>python/</c>, ...).</param>
/// <param name="Env">The version's environment variables.</param>
/// <param name="CacheDirectory">Where build outputs are kept by content hash.</param>
/// <param name="Log">The app's log.</param>
public sealed record ServerBuildContext(
    string App,
    string Version,
    string Directory,
    string DependenciesDirectory,
    IReadOnlyDictionary<string, string> Env,
    string CacheDirectory,
    AppLog Log);
