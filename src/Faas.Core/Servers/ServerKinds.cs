using System.Text.Json;
using Faas.Core.Servers.Kinds;
using Faas.Core.Workers;

namespace Faas.Core.Servers;

/// <summary>
/// Which apps are HTTP servers, and of which kind (the one place that lists them, in the reference's
/// order: <c>Dockerfile</c>, <c>go.mod</c>, <c>package.json</c>, Python). The rule: a hint sent with
/// the deploy (<c>kind=server|functions</c>) or a <c>faas.json</c> saying so (<c>"server": true|false</c>
/// or <c>"kind": "server"|"functions"</c>) wins, the hint first; otherwise a <c>Dockerfile</c> or a
/// <c>go.mod</c> makes a server and anything else stays a functions app.
/// </summary>
public sealed class ServerKinds(IReadOnlyList<IServerKind> kinds)
{
    public const string Server = "server";
    public const string Functions = "functions";

    public ServerKinds(ServerAppOptions options, WorkerOptions workers)
        : this([new ContainerKind(options), new GoServerKind(options), new NodeServerKind(workers), new PythonServerKind(workers)])
    {
    }

    public IReadOnlyList<IServerKind> All => kinds;

    /// <summary>Whether <paramref name="kind"/> is a hint a deploy may carry (or none).</summary>
    public static bool IsValidHint(string? kind) => kind is null or Server or Functions;

    /// <summary>The app's server kind, or null for a functions app. A server with no kind its files show fails (422).</summary>
    public IServerKind? Find(string directory, string? hint)
    {
        var declared = hint ?? Declared(directory);
        if (declared == Functions)
        {
            return null;
        }
        var kind = kinds.FirstOrDefault(k => k.Matches(directory));
        if (declared == Server)
        {
            return kind ?? throw new FaasException(FaasError.DeployFailed,
                "This app is declared a server, but nothing in it says how to start one: add a Dockerfile, a go.mod, a package.json or a main.py at its root.");
        }
        return kind is ContainerKind or GoServerKind ? kind : null;
    }

    /// <summary>What <c>faas.json</c> says: <c>server</c>, <c>functions</c> or nothing.</summary>
    private static string? Declared(string directory)
    {
        var path = Path.Combine(directory, "faas.json");
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            if (root.TryGetProperty("server", out var server) && server.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return server.GetBoolean() ? Server : Functions;
            }
            if (root.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String)
            {
                return kind.GetString() switch
                {
                    Server => Server,
                    Functions => Functions,
                    var other => throw new FaasException(FaasError.BadRequest, $"faas.json has kind '{other}': use \"server\" or \"functions\"."),
                };
            }
            return null;
        }
        catch (JsonException e)
        {
            throw new FaasException(FaasError.BadRequest, $"faas.json is not valid: {e.Message}");
        }
    }
}
