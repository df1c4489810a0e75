using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas rm &lt;app&gt;</c>: delete one app (every version, its history and files).</summary>
internal static class RmCommand
{
    public static Command Create(CliHost host)
    {
        var app = AppArguments.App();
        var command = new Command("rm", CliHost.Describe("Delete an app: it stops, and every version, its logs and files are removed. Exit 4 if it does not exist.", "faas rm hello"))
        {
            app,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var name = AppArguments.Validate(parse.GetValue(app));
            if (!await context.Client.DeleteAsync(name, cancellationToken))
            {
                throw new CliException(ExitCode.NotFound, $"The app '{name}' is not deployed on {context.Client.Url}.");
            }
            context.Printer.Line($"✓ {name}: removed");
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonObject { ["removed"] = name });
            }
            return ExitCode.Ok;
        });
        return command;
    }
}
