using Faas.Core.Processes;

namespace Faas.Core.Installers;

/// <summary>
/// How an install tool (npm, pip, bundle) runs: isolated like a worker (see <see cref="Isolation"/>),
/// but with the network, write access to the folders it fills, npm's shared download cache
/// (<c>&lt;data&gt;/cache/npm</c>, content-addressed and checked by npm), and the installers' limits.
/// Without an <see cref="Isolation"/> (some tests) the tool runs with the server's environment.
/// </summary>
internal static class InstallSandbox
{
    public static async Task<IsolatedCommand> PrepareAsync(
        Isolation? isolation, string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment,
        string workingDirectory, IReadOnlyList<string> writable, string scratch, string npmCache, CancellationToken cancellationToken)
    {
        if (isolation is null)
        {
            return IsolatedCommand.Inherit(fileName, arguments, environment);
        }
        Directory.CreateDirectory(npmCache);
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["npm_config_cache"] = npmCache,
            ["npm_config_update_notifier"] = "false",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }
        var spec = new SandboxSpec(workingDirectory, scratch, [], [.. writable, npmCache], [], Network: true);
        return await isolation.PrepareAsync(fileName, arguments, variables, spec, isolation.Options.InstallLimits, cancellationToken).ConfigureAwait(false);
    }
}
