using System.CommandLine;
using System.Text.Json.Nodes;
using Faas.Cli.Folders;
using Faas.Cli.Output;

namespace Faas.Cli.Commands;

/// <summary><c>faas check</c>: a read-only ✓/✗ report of the functions folder against the server; exit 1 when something needs attention.</summary>
internal static class CheckCommand
{
    public static Command Create(CliHost host)
    {
        var dir = UpCommand.DirOption();
        var command = new Command("check", CliHost.Describe(
            "Check each app of the functions folder: its source hash matches the active version, it is ready, its process runs (or is idle by design), its route answers. "
            + "Changes nothing; exits 1 when something needs attention.",
            "faas check",
            "faas check -d ./functions --json"))
        {
            dir,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var root = context.Environment.FullPath(parse.GetValue(dir)!);
            var folders = FunctionsFolder.Discover(root, context.Printer.Note);
            var deployed = (await context.Client.InspectAsync(cancellationToken)).ToDictionary(a => a.Name, StringComparer.Ordinal);
            var checker = new FolderChecker(context.Client);
            var apps = new JsonArray();
            var attention = 0;
            context.Printer.Line("Consistency check:");
            foreach (var folder in folders)
            {
                var results = await checker.CheckAsync(folder, deployed.GetValueOrDefault(folder.Name), cancellationToken);
                var ok = results.All(r => r.Ok);
                attention += ok ? 0 : 1;
                context.Printer.Line();
                context.Printer.Line($"{folder.Name} ({OutcomePrinter.Kind(folder.Kind)}):");
                foreach (var result in results)
                {
                    context.Printer.Line($"  {(result.Ok ? "✓" : "✗")} {result.Message}");
                }
                var checks = new JsonObject();
                foreach (var result in results)
                {
                    checks[result.Name] = new JsonObject { ["ok"] = result.Ok, ["message"] = result.Message };
                }
                apps.Add(new JsonObject { ["name"] = folder.Name, ["kind"] = OutcomePrinter.Kind(folder.Kind), ["ok"] = ok, ["checks"] = checks });
            }
            context.Printer.Line();
            context.Printer.Line(attention == 0
                ? "Summary: all functions are consistent."
                : $"Summary: {attention} function(s) need attention. Run 'faas up' to fix.");
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonObject { ["apps"] = apps, ["needAttention"] = attention });
            }
            return attention == 0 ? ExitCode.Ok : ExitCode.Failed;
        });
        return command;
    }
}
