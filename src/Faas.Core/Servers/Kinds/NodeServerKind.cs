using System.Text.Json;
using Faas.Core.Workers;

namespace Faas.Core.Servers.Kinds;

/// <summary>
/// A Node.js server: a <c>package.json</c>. It starts with <c>node &lt;main&gt;</c>, else its
/// <c>scripts.start</c> (through <c>sh -c</c>, with <c>node_modules/.bin</c> on the PATH), else
/// <c>node index.js</c>; <c>npm install</c> has run before, as for functions.
/// </summary>
internal sealed class NodeServerKind(WorkerOptions workers) : IServerKind
{
    public string Id => "node-server";

    public bool InstallsDependencies => true;

    public bool Matches(string directory) => File.Exists(Path.Combine(directory, "package.json"));

    public Task<Func<int, ServerCommand>> PrepareAsync(ServerBuildContext context, CancellationToken cancellationToken)
    {
        var node = workers.ExecutableFor("node", workers.NodePath);
        var (main, start) = Read(Path.Combine(context.Directory, "package.json"));
        IReadOnlyList<string> command = main is not null && File.Exists(Path.Combine(context.Directory, main)) ? [node, main]
            : start is not null ? ["/bin/sh", "-c", start]
            : File.Exists(Path.Combine(context.Directory, "index.js")) ? [node, "index.js"]
            : throw new FaasException(FaasError.DeployFailed,
                "package.json names no server to start: give it \"main\" (a file of the app) or \"scripts\": {\"start\": ...}, or add index.js.");
        var bin = Path.Combine(context.Directory, "node_modules", ".bin");
        var nodeFolder = Path.GetDirectoryName(node);
        return Task.FromResult<Func<int, ServerCommand>>(port =>
        {
            var env = ServerEnvironment.For(context, port);
            env["PATH"] = string.Join(':', new[] { bin, nodeFolder, Environment.GetEnvironmentVariable("PATH") }.Where(p => !string.IsNullOrEmpty(p)));
            return new ServerCommand(command[0], command.Skip(1).ToList(), context.Directory, env);
        });
    }

    private static (string? Main, string? Start) Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FaasException(FaasError.DeployFailed, "package.json is not a JSON object.");
            }
            var main = root.TryGetProperty("main", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var start = root.TryGetProperty("scripts", out var s) && s.ValueKind == JsonValueKind.Object
                && s.TryGetProperty("start", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString() : null;
            return (main, start);
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.DeployFailed, $"package.json is not valid JSON: {e.Message}");
        }
    }
}
