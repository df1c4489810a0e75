using System.Collections.Concurrent;
using Faas.Core.Processes;

namespace Faas.Core.Installers;

/// <summary>
/// <c>&lt;runtime&gt; --version</c> of node, python and ruby, asked once per server run: an upgraded
/// runtime (new native ABI) must invalidate installs, but asking costs a process start.
/// </summary>
internal sealed class RuntimeVersions
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _versions = new(StringComparer.Ordinal);

    public Task<string> GetAsync(string executable) =>
        _versions.GetOrAdd(executable, e => new Lazy<Task<string>>(() => AskAsync(e))).Value;

    private static async Task<string> AskAsync(string executable)
    {
        var lines = new List<string>();
        try
        {
            var result = await ProcessRunner.RunAsync(executable, ["--version"], null, TimeSpan.FromSeconds(30),
                onLine: line => { lock (lines) { lines.Add(line); } }).ConfigureAwait(false);
            lock (lines)
            {
                // The path is part of it too: two interpreters of one version may differ (a venv).
                return $"{executable} {(result.Succeeded ? string.Join(' ', lines).Trim() : "unknown")}";
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not installed: the install itself will say so.
            return $"{executable} missing";
        }
    }
}
