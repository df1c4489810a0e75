using Faas.Core.Processes;

namespace Faas.Core.Workers;

/// <summary>Which languages have a worker, and the command that starts each.</summary>
public sealed class WorkerRuntimes
{
    public const string Node = "node";
    public const string Python = "py";
    public const string Ruby = "rb";
    public const string TypeScript = "ts";
    public const string CSharp = "cs";
    public const string File = "file";

    private readonly Dictionary<string, WorkerCommand> _commands;
    private readonly HashSet<string> _eventLoopLanguages = new(StringComparer.Ordinal) { Node, TypeScript };

    public WorkerRuntimes(WorkerOptions options, string pythonExecutable)
    {
        var workers = options.ResolveWorkersDirectory();
        _commands = new(StringComparer.Ordinal)
        {
            [Node] = new(options.NodePath, [Path.Combine(workers, "node", "worker.js")]),
            [Python] = new(pythonExecutable, ["-u", Path.Combine(workers, "python", "worker.py")]),
            [Ruby] = new(options.RubyPath, [Path.Combine(workers, "ruby", "worker.rb")]),
            // The Node.js worker plus a .ts compile hook; the compiler path comes from TypeScriptToolchain.
            [TypeScript] = new(options.NodePath, [Path.Combine(workers, "node", "ts-worker.js")]),
            // The published C# worker (built with the server), run by the dotnet host.
            [CSharp] = new(options.DotnetPath, [Path.Combine(workers, "csharp", "Faas.Worker.CSharp.dll")]),
        };
    }

    /// <summary>A fixed table, for tests that run a fake worker.</summary>
    internal WorkerRuntimes(Dictionary<string, WorkerCommand> commands, IEnumerable<string>? eventLoopLanguages = null)
    {
        _commands = commands;
        _eventLoopLanguages = [.. eventLoopLanguages ?? []];
    }

    public IEnumerable<string> Languages => _commands.Keys;

    /// <summary>
    /// True when the language's worker runs every call's code on one event loop (Node.js, TypeScript):
    /// such a worker that still answers a ping is running no call, only waiting on some.
    /// </summary>
    public bool RunsCallsOnOneEventLoop(string languageId) => _eventLoopLanguages.Contains(languageId);

    public bool TryGetCommand(string languageId, out WorkerCommand command) =>
        _commands.TryGetValue(languageId, out command!);

    /// <summary>Asks the configured Python for its real executable, so shims are paid for once.</summary>
    public static async Task<string> ResolvePythonAsync(string configured, CancellationToken cancellationToken)
    {
        try
        {
            var lines = new List<string>();
            var result = await ProcessRunner.RunAsync(
                configured, ["-c", "import sys; print(sys.executable)"], null, TimeSpan.FromSeconds(20),
                onLine: lines.Add, cancellationToken: cancellationToken).ConfigureAwait(false);
            var executable = lines.LastOrDefault()?.Trim();
            return result.Succeeded && !string.IsNullOrEmpty(executable) && System.IO.File.Exists(executable) ? executable : configured;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return configured;
        }
    }
}
