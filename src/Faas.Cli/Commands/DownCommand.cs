using System.CommandLine;
using System.Text.Json.Nodes;
using Faas.Cli.Folders;
using Faas.Cli.Serve;

namespace Faas.Cli.Commands;

/// <summary><c>faas down</c>: remove apps, or stop the server <c>faas up</c> started.</summary>
internal static class DownCommand
{
    public static Command Create(CliHost host)
    {
        var names = new Argument<string[]>("names") { Description = "The apps to remove; none: stop the background server 'faas up' started.", Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<bool>("--force", "-f")
        {
            Description = "With names: the same total removal (a delete already removes an app's versions, history, logs and files). "
                + "Without names: also remove every app of the functions folder before stopping the server.",
        };
        var dir = UpCommand.DirOption();
        var command = new Command("down", CliHost.Describe(
            "Remove the named apps from the server (every version, its history and files; unknown names are reported and skipped). "
            + "With no names, stop the server that 'faas up' started in the background (its apps stay and are restored at its next start).",
            "faas down hello",
            "faas down            # stop the background server",
            "faas down --force    # remove the functions folder's apps, then stop it"))
        {
            names, force, dir,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var requested = parse.GetValue(names) ?? [];
            var result = new JsonObject();
            if (requested.Length > 0)
            {
                result["removed"] = await RemoveAsync(context, [.. requested.Select(AppArguments.Validate)], cancellationToken);
            }
            else
            {
                if (parse.GetValue(force))
                {
                    var root = context.Environment.FullPath(parse.GetValue(dir)!);
                    var folders = FunctionsFolder.Discover(root, context.Printer.Note);
                    result["removed"] = await RemoveAsync(context, [.. folders.Select(f => f.Name)], cancellationToken);
                }
                result["stopped"] = Stop(context);
            }
            if (context.Json)
            {
                context.Printer.WriteJson(result);
            }
            return ExitCode.Ok;
        });
        return command;
    }

    private static async Task<JsonArray> RemoveAsync(CliContext context, IReadOnlyList<string> apps, CancellationToken cancellationToken)
    {
        var removed = new JsonArray();
        foreach (var app in apps)
        {
            if (await context.Client.DeleteAsync(app, cancellationToken))
            {
                removed.Add(app);
                context.Printer.Line($"✓ {app}: removed");
            }
            else
            {
                context.Printer.Note($"○ {app}: not deployed, nothing to remove");
            }
        }
        return removed;
    }

    /// <summary>Stops the recorded background server; null when there is none.</summary>
    private static JsonNode? Stop(CliContext context)
    {
        var home = context.Environment.StateDirectory;
        var state = ServerState.Read(home);
        if (state is null)
        {
            context.Printer.Note("No background server to stop (faas up starts one only when none answers).");
            return null;
        }
        using (var process = state.FindProcess())
        {
            if (process is null)
            {
                context.Printer.Note($"The background server (pid {state.Pid}) had already stopped.");
            }
            else
            {
                ServerLauncher.Stop(process);
                context.Printer.Line($"✓ Stopped the server at {state.Url} (pid {state.Pid}).");
            }
        }
        ServerState.Delete(home);
        return new JsonObject { ["pid"] = state.Pid, ["url"] = state.Url };
    }
}
