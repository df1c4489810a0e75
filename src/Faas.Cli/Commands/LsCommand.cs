using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas ls</c>: every app on the server.</summary>
internal static class LsCommand
{
    public static Command Create(CliHost host)
    {
        var command = new Command("ls", CliHost.Describe("List the server's apps: status, active version, functions.", "faas ls", "faas ls --json"));
        host.Bind(command, async (context, _, cancellationToken) =>
        {
            var apps = await context.Client.InspectAsync(cancellationToken);
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonArray([.. apps.Select(a => (JsonNode)new JsonObject
                {
                    ["name"] = a.Name,
                    ["status"] = a.Status,
                    ["version"] = a.Version,
                    ["versions"] = a.Versions.Count,
                    ["functions"] = new JsonArray([.. a.Functions.Select(f => (JsonNode)f.Name)]),
                    ["urls"] = new JsonArray([.. a.FunctionUrls(context.Client.Url).Select(u => (JsonNode)u)]),
                    ["error"] = a.Error,
                })]));
                return ExitCode.Ok;
            }
            if (apps.Count == 0)
            {
                context.Printer.Line("No apps deployed.");
                return ExitCode.Ok;
            }
            context.Printer.Table(["App", "Status", "Version", "Versions", "Functions"],
                apps.Select(a => new[] { a.Name, a.Status + (a.Error is null ? "" : $": {a.Error}"), a.Version, a.Versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", a.Functions.Select(f => f.Name)) }));
            return ExitCode.Ok;
        });
        return command;
    }
}
