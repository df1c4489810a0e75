using System.CommandLine;
using System.Diagnostics;
using Faas.Cli.Folders;
using Faas.Cli.Output;
using Faas.Cli.Serve;

namespace Faas.Cli.Commands;

/// <summary><c>faas up</c>: deploy every changed app of the functions folder (starting a server first when none runs).</summary>
internal static class UpCommand
{
    public static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(300);

    public static Option<string> DirOption() => new("--dir", "-d")
    {
        Description = "The functions folder: one app per subfolder, named after it.",
        DefaultValueFactory = _ => "./functions",
    };

    public static Command Create(CliHost host)
    {
        var dir = DirOption();
        var watch = new Option<bool>("--watch", "-w") { Description = "Keep running and redeploy a folder when its files change." };
        var force = new Option<bool>("--force") { Description = "Deploy every app, changed or not." };
        var noStart = new Option<bool>("--no-start") { Description = "Fail instead of starting a server in the background when none answers." };
        var command = new Command("up", CliHost.Describe(
            "Deploy the functions folder: each subfolder is an app; only folders whose content hash differs from their active version's are deployed (as a new version). "
            + "A local server that is not running is started in the background first ('faas down' stops it). Exits 1 if any deploy failed.",
            "faas up",
            "faas up -d ./functions --watch",
            "faas up --json | jq '.apps[] | select(.state==\"built\") | .name'"))
        {
            dir, watch, force, noStart,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var root = context.Environment.FullPath(parse.GetValue(dir)!);
            var folders = FunctionsFolder.Discover(root, context.Printer.Note);
            await ServerCheck.EnsureRunningAsync(context, allowStart: !parse.GetValue(noStart), cancellationToken);
            var up = new FunctionsUp(context.Client);
            var outcomes = await up.RunAsync(folders, parse.GetValue(force), f => Starting(context, f), cancellationToken);
            OutcomePrinter.Print(context.Printer, context.Client.Url, outcomes, clock.Elapsed);
            if (parse.GetValue(watch))
            {
                await WatchAsync(context, root, up, cancellationToken);
                return ExitCode.Ok;
            }
            return outcomes.Any(o => o.State == DeployState.Failed) ? ExitCode.Failed : ExitCode.Ok;
        });
        return command;
    }

    private static void Starting(CliContext context, FunctionFolder folder)
    {
        if (!context.Json)
        {
            context.Printer.Line($"⋯ {folder.Name}: deploying as {OutcomePrinter.Kind(folder.Kind)} ({folder.Reason}), installing dependencies...");
        }
    }

    /// <summary>Redeploys the folders that change, until Ctrl-C; a removed folder is reported, not deleted from the server.</summary>
    private static async Task WatchAsync(CliContext context, string root, FunctionsUp up, CancellationToken cancellationToken)
    {
        using var watcher = new FolderWatcher(root);
        var watching = $"Watching {root} for changes (Ctrl-C to stop).";
        if (context.Json)
        {
            context.Printer.Note(watching);
        }
        else
        {
            context.Printer.Line(watching);
        }
        try
        {
            await foreach (var changed in watcher.WatchAsync(WatchDebounce, cancellationToken))
            {
                var clock = Stopwatch.StartNew();
                var folders = FunctionsFolder.Discover(root, context.Printer.Note).Where(f => changed.Contains(f.Name)).ToList();
                foreach (var gone in changed.Where(name => folders.All(f => f.Name != name)))
                {
                    context.Printer.Note($"{gone}: the folder is gone; 'faas down {gone}' removes the app.");
                }
                if (folders.Count == 0)
                {
                    continue;
                }
                var outcomes = await up.RunAsync(folders, force: false, f => Starting(context, f), cancellationToken);
                OutcomePrinter.Print(context.Printer, context.Client.Url, outcomes, clock.Elapsed);
                context.Printer.Out.Flush();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the normal end of a watch.
        }
    }
}
