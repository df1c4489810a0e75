using System.Text.Json;

namespace Faas.Cli.Folders;

/// <summary>
/// Which kind of app a folder is under <c>faas up</c>, by one rule (issue 10, point 3), first match wins:
/// <list type="number">
/// <item><c>faas.json</c> with <c>"server": true</c>/<c>false</c> or <c>"kind": "server"</c>/<c>"functions"</c> says so (as on the server);</item>
/// <item>a <c>Dockerfile</c> or a <c>go.mod</c> is a server;</item>
/// <item>a folder holding a <c>metacall*.json</c> or a <c>*.lua</c> file (at its top) is functions;</item>
/// <item>anything else is a server (the SmolFaaS convention: <c>package.json</c>, <c>main.py</c> + <c>requirements.txt</c>).</item>
/// </list>
/// The Hub routes keep the MetaCall convention (a plain folder is functions); this rule is only the functions folder's.
/// </summary>
internal static class AppClassifier
{
    public static (AppKind Kind, string Reason) Classify(string folder)
    {
        var config = Path.Combine(folder, "faas.json");
        if (File.Exists(config) && DeclaredKind(config) is { } declared)
        {
            return (declared, "faas.json");
        }
        if (File.Exists(Path.Combine(folder, "Dockerfile")))
        {
            return (AppKind.Server, "Dockerfile");
        }
        if (File.Exists(Path.Combine(folder, "go.mod")))
        {
            return (AppKind.Server, "go.mod");
        }
        var files = Directory.EnumerateFiles(folder).Select(Path.GetFileName).ToList();
        if (files.FirstOrDefault(f => f!.StartsWith("metacall", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal)) is { } metacall)
        {
            return (AppKind.Functions, metacall);
        }
        if (files.FirstOrDefault(f => f!.EndsWith(".lua", StringComparison.Ordinal)) is { } lua)
        {
            return (AppKind.Functions, lua);
        }
        return (AppKind.Server, "no metacall*.json or *.lua");
    }

    /// <summary>The kind a faas.json declares (<c>server</c> first, then <c>kind</c>, as the server reads it); null when it declares none (or cannot be read: the server reports a bad faas.json at deploy).</summary>
    private static AppKind? DeclaredKind(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("server", out var server) && server.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return server.ValueKind == JsonValueKind.True ? AppKind.Server : AppKind.Functions;
            }
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String)
            {
                return kind.GetString() switch
                {
                    "server" => AppKind.Server,
                    "functions" => AppKind.Functions,
                    var other => throw new CliException(ExitCode.Usage, $"{path}: \"kind\" must be \"server\" or \"functions\", not \"{other}\"."),
                };
            }
        }
        catch (JsonException)
        {
            // Left to the server, which says what is wrong with it.
        }
        return null;
    }
}
