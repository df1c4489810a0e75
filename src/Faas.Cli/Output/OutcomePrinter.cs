using System.Text.Json.Nodes;
using Faas.Cli.Folders;

namespace Faas.Cli.Output;

/// <summary>The summary of an <c>up</c> or <c>deploy</c>: a table (built / up-to-date / failed, times, URLs) or JSON.</summary>
internal static class OutcomePrinter
{
    public static void Print(Printer printer, string server, IReadOnlyList<DeployOutcome> outcomes, TimeSpan total)
    {
        int built = outcomes.Count(o => o.State == DeployState.Built), upToDate = outcomes.Count(o => o.State == DeployState.UpToDate), failed = outcomes.Count(o => o.State == DeployState.Failed);
        if (printer.Json)
        {
            printer.WriteJson(new JsonObject
            {
                ["server"] = server,
                ["apps"] = new JsonArray([.. outcomes.Select(ToJson)]),
                ["built"] = built,
                ["upToDate"] = upToDate,
                ["failed"] = failed,
                ["seconds"] = Math.Round(total.TotalSeconds, 3),
            });
            return;
        }
        if (outcomes.Count == 0)
        {
            printer.Line("No functions to deploy.");
            return;
        }
        printer.Table(
            ["Function", "Kind", "Result", "Version", "URL"],
            outcomes.Select(o => new[]
            {
                o.Folder.Name,
                Kind(o.Folder.Kind),
                o.State switch
                {
                    DeployState.Built => $"✓ built ({Seconds(o.Elapsed)})",
                    DeployState.UpToDate => "○ up-to-date",
                    _ => "✖ failed",
                },
                o.Version ?? "",
                string.Join('\n', o.Urls),
            }));
        printer.Line($"Total: {built} built, {upToDate} up-to-date, {failed} failed in {Seconds(total)}.");
        foreach (var failure in outcomes.Where(o => o.State == DeployState.Failed))
        {
            printer.Line($"✖ {failure.Folder.Name}: {failure.Error}");
        }
    }

    public static string Kind(AppKind kind) => kind == AppKind.Server ? "server" : "functions";

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds < 1 ? $"{elapsed.TotalMilliseconds:0} ms" : $"{elapsed.TotalSeconds:0.0} s";

    private static JsonObject ToJson(DeployOutcome outcome) => new()
    {
        ["name"] = outcome.Folder.Name,
        ["kind"] = Kind(outcome.Folder.Kind),
        ["kindReason"] = outcome.Folder.Reason,
        ["state"] = outcome.State switch { DeployState.Built => "built", DeployState.UpToDate => "up-to-date", _ => "failed" },
        ["version"] = outcome.Version,
        ["seconds"] = Math.Round(outcome.Elapsed.TotalSeconds, 3),
        ["urls"] = new JsonArray([.. outcome.Urls.Select(u => (JsonNode)u)]),
        ["error"] = outcome.Error,
    };
}
