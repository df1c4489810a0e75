using System.Globalization;
using System.Text.Json.Nodes;

namespace Faas.Cli.Folders;

/// <summary>
/// The process line of <c>faas check</c>, from <c>GET /api/apps/{app}/processes</c>: ✓ when every worker pool, or the
/// server process or container, is running, starting or idle by design; ✗ when one has failed, crashed or stopped.
/// </summary>
internal static class ProcessCheck
{
    public static CheckResult From(JsonNode? processes)
    {
        if (processes?["version"] is null)
        {
            return new("process", false, "No active version, so nothing runs");
        }
        if (processes["server"] is JsonObject server)
        {
            return Server(server);
        }
        var pools = processes["pools"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (pools.Count == 0)
        {
            return new("process", true, "No process needed (static files only)");
        }
        var lines = pools.Select(Pool).ToList();
        return new("process", lines.All(l => l.Ok), string.Join("; ", lines.Select(l => l.Text)));
    }

    private static (bool Ok, string Text) Pool(JsonObject pool)
    {
        var language = Text(pool, "language");
        var pids = pool["pids"]?.AsArray().Select(p => p!.GetValue<int>().ToString(CultureInfo.InvariantCulture)).ToList() ?? [];
        return Text(pool, "state") switch
        {
            "running" => (true, $"{pids.Count} {language} worker(s) running (pid {string.Join(", ", pids)})"),
            "starting" => (true, $"{language} worker starting"),
            "idle" => (true, $"{language} workers idle by design (started on the next call)"),
            "failed" => (false, $"{language} workers keep failing to start: {Text(pool, "failure")}"),
            var state => (false, $"no {language} worker runs ({state})"),
        };
    }

    private static CheckResult Server(JsonObject server)
    {
        var kind = Text(server, "kind");
        var what = server["container"] is JsonValue container ? $"container {container}" : $"pid {server["pid"]}";
        return Text(server, "state") switch
        {
            "running" => new("process", true, $"The {kind} runs ({what}, port {server["port"]})"),
            "starting" => new("process", true, $"The {kind} is starting"),
            "idle" => new("process", true, $"The {kind} is idle by design (started on the next request)"),
            "crashed" => new("process", false, $"The {kind} crashed ({server["crashes"]} in a row) and waits for its restart"),
            "failed" => new("process", false, $"The {kind} failed: {Text(server, "failure")}"),
            var state => new("process", false, $"The {kind} does not run ({state})"),
        };
    }

    private static string Text(JsonObject node, string name) => node[name]?.ToString() ?? "?";
}
