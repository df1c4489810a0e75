using System.CommandLine;
using System.Text.Json.Nodes;
using Faas.Cli.Serve;

namespace Faas.Cli.Commands;

/// <summary><c>faas serve</c>: run the server that ships with the CLI (same program and settings as src/Faas.Server).</summary>
internal static class ServeCommand
{
    public static Command Create(CliHost host)
    {
        var data = new Option<string?>("--data") { Description = "The data folder (else FAAS_DATA, else the server's Faas:Storage:DataDirectory, ~/.metacall/faas)." };
        var detach = new Option<bool>("--detach") { Description = "Run in the background (output in $FAAS_HOME/server.log; 'faas down' stops it)." };
        var extra = new Argument<string[]>("settings") { Description = "More server settings, after '--': --Faas:Workers:MaxWorkers=4 ...", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("serve", CliHost.Describe(
            "Run the Faas server at --url (default http://localhost:9000) with the server's own appsettings.json; every setting can be given as after '--' or as Faas__* environment variables (docs/configuration.md).",
            "faas serve",
            "faas serve --url http://127.0.0.1:9100 --data ./data",
            "faas serve --detach && faas up && faas down"))
        {
            data, detach, extra,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var launcher = new ServerLauncher(context.Environment);
            if (!parse.GetValue(detach))
            {
                context.Printer.Note($"Starting the server at {context.Client.Url} (Ctrl-C stops it).");
                var code = await launcher.RunAsync(context.BaseUri, parse.GetValue(data), parse.GetValue(extra) ?? [], cancellationToken);
                return code == 0 ? ExitCode.Ok : ExitCode.Failed;
            }
            if (await context.Client.IsReadyAsync(cancellationToken))
            {
                throw new CliException(ExitCode.Failed, $"A server already answers at {context.Client.Url}.");
            }
            var state = await launcher.StartDetachedAsync(context.Client, parse.GetValue(data), cancellationToken);
            context.Printer.Line($"✓ Server running at {state.Url} (pid {state.Pid}, log {state.Log}); 'faas down' stops it.");
            if (context.Json)
            {
                context.Printer.WriteJson(new JsonObject { ["pid"] = state.Pid, ["url"] = state.Url, ["log"] = state.Log });
            }
            return ExitCode.Ok;
        });
        return command;
    }
}
