using System.Text.Json;

namespace Faas.Cli.Http;

/// <summary>One app as <c>GET /api/inspect</c> describes it.</summary>
internal sealed record AppInfo(
    string Name, string Prefix, string Status, string Version, string? Error,
    IReadOnlyList<VersionInfo> Versions, IReadOnlyList<FunctionInfo> Functions, string? Deploying, string? LastFailure, bool IsServer = false)
{
    public VersionInfo? Active => Versions.FirstOrDefault(v => v.Active);

    public bool Ready => Status == "ready";

    public static AppInfo Parse(JsonElement app)
    {
        var versions = new List<VersionInfo>();
        if (app.TryGetProperty("versions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            versions.AddRange(list.EnumerateArray().Select(v => new VersionInfo(
                Text(v, "version") ?? "?", v.TryGetProperty("active", out var a) && a.ValueKind == JsonValueKind.True,
                Text(v, "createdAt"), Text(v, "source"), Text(v, "hash"))));
        }
        var functions = new List<FunctionInfo>();
        if (app.TryGetProperty("packages", out var packages) && packages.ValueKind == JsonValueKind.Object)
        {
            foreach (var language in packages.EnumerateObject())
            {
                foreach (var handle in language.Value.EnumerateArray())
                {
                    if (!handle.TryGetProperty("scope", out var scope) || !scope.TryGetProperty("funcs", out var funcs) || funcs.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }
                    functions.AddRange(funcs.EnumerateArray().Select(f => new FunctionInfo(
                        Text(f, "name") ?? "?", language.Name, f.TryGetProperty("async", out var async) && async.ValueKind == JsonValueKind.True)));
                }
            }
        }
        string? failure = null;
        if (app.TryGetProperty("lastFailure", out var last) && last.ValueKind == JsonValueKind.Object)
        {
            failure = Text(last, "error");
        }
        return new AppInfo(
            Text(app, "suffix") ?? "?", Text(app, "prefix") ?? "", Text(app, "status") ?? "?", Text(app, "version") ?? "", Text(app, "error"),
            versions, [.. functions.DistinctBy(f => f.Name).OrderBy(f => f.Name, StringComparer.Ordinal)], Text(app, "deploying"), failure,
            app.TryGetProperty("server", out var server) && server.ValueKind == JsonValueKind.Object);
    }

    /// <summary>
    /// The URL of each function of the active version; first, for an app with a function named <c>handler</c>
    /// (the default HTTP handler), its HTTP route <c>/fn/{app}</c>.
    /// </summary>
    public IEnumerable<string> FunctionUrls(string server) =>
        (Functions.Any(f => f.Name == "handler") ? [$"{server}/fn/{Name}"] : Enumerable.Empty<string>())
            .Concat(Functions.Select(f => $"{server}/{Prefix}/{Name}/{Version}/{(f.IsAsync ? "await" : "call")}/{Uri.EscapeDataString(f.Name)}"));

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
