using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas versions &lt;app&gt;</c>: the kept versions, newest first, with the active one marked.</summary>
internal static class VersionsCommand
{
    public static Command Create(CliHost host)
    {
        var app = AppArguments.App();
        var command = new Command("versions", CliHost.Describe("List an app's kept versions, newest first; '*' marks the active one.", "faas versions hello", "faas rollback hello v1"))
        {
            app,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var info = await context.Client.GetAppAsync(AppArguments.Validate(parse.GetValue(app)), cancellationToken);
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonArray([.. info.Versions.Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v.Id, ["active"] = v.Active, ["createdAt"] = v.CreatedAt, ["source"] = v.Source, ["hash"] = v.Hash,
                })]));
                return ExitCode.Ok;
            }
            context.Printer.Table(["", "Version", "Created", "Source", "Hash"],
                info.Versions.Select(v => new[] { v.Active ? "*" : "", v.Id, v.CreatedAt ?? "", v.Source ?? "", v.Hash is { Length: > 12 } h ? h[..12] : v.Hash ?? "" }));
            return ExitCode.Ok;
        });
        return command;
    }
}
