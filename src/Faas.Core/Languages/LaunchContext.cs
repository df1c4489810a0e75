using Faas.Core.Logging;

namespace Faas.Core.Languages;

/// <summary>What a language builds its workers' start from, for one app.</summary>
/// <param name="DependenciesDirectory">Where this app's installs outside the app went (see <see cref="InstallContext"/>).</param>
/// <param name="ToolsDirectory">Where a language keeps tools shared by every app (<c>&lt;data&gt;/runtimes</c>).</param>
/// <param name="Runtime">The language's runtime, known to be there.</param>
/// <param name="Isolation">How one-off tools it runs (TypeScript's compiler install) are isolated; null: not at all.</param>
public sealed record LaunchContext(
    Workers.WorkerOptions Options,
    string AppDirectory,
    string DependenciesDirectory,
    string ToolsDirectory,
    RuntimeStatus Runtime,
    AppLog Log,
    Processes.Isolation? Isolation = null)
{
    /// <summary>A file of the language workers' folder (<c>workers/&lt;folder&gt;/&lt;file&gt;</c>).</summary>
    public string WorkerFile(string folder, string file) => Path.Combine(Options.ResolveWorkersDirectory(), folder, file);
}
