using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas rollback &lt;app&gt; &lt;version&gt;</c>: make a kept version active again.</summary>
internal static class RollbackCommand
{
    public static Command Create(CliHost host)
    {
        var app = AppArguments.App();
        var version = new Argument<string>("version") { Description = "A kept version: v1, v2, ... ('faas versions' lists them)." };
        var command = new Command("rollback", CliHost.Describe("Make a kept version of an app active again, at once (no install). Exit 4 if the version is not kept.", "faas rollback hello v1"))
        {
            app, version,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var result = await context.Client.RollbackAsync(AppArguments.Validate(parse.GetValue(app)), parse.GetValue(version)!, cancellationToken);
            context.Printer.Line($"✓ {result.App}: {result.Version} is active");
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonObject { ["app"] = result.App, ["version"] = result.Version });
            }
            return ExitCode.Ok;
        });
        return command;
    }
}
