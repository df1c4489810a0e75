using System.CommandLine;
using System.Text.Json.Nodes;

namespace Faas.Cli.Commands;

/// <summary><c>faas logs &lt;app&gt; [-f]</c>: the app's recent log lines, or (<c>-f</c>) the live log until Ctrl-C.</summary>
internal static class LogsCommand
{
    public static Command Create(CliHost host)
    {
        var app = AppArguments.App();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines as they come (server-sent events) until Ctrl-C." };
        var tail = new Option<int>("--tail", "-n") { Description = "With -f: how many recent lines first (0-1000).", DefaultValueFactory = _ => 100 };
        var command = new Command("logs", CliHost.Describe(
            "Print an app's log: installer output, worker output and lifecycle lines, newest last.",
            "faas logs hello",
            "faas logs hello -f --tail 20"))
        {
            app, follow, tail,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var name = AppArguments.Validate(parse.GetValue(app));
            if (!parse.GetValue(follow))
            {
                var text = await context.Client.LogsAsync(name, cancellationToken);
                if (context.Json)
                {
                    context.Printer.WriteJson(new JsonArray([.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonNode)l)]));
                }
                else if (text.Length > 0)
                {
                    context.Printer.Out.WriteLine(text);
                }
                return ExitCode.Ok;
            }
            try
            {
                await foreach (var line in context.Client.StreamLogsAsync(name, parse.GetValue(tail), cancellationToken))
                {
                    // One JSON string per line with --json (JSON lines), so a script can read it as it comes.
                    await context.Printer.Out.WriteLineAsync(context.Json ? JsonValue.Create(line).ToJsonString() : line);
                    await context.Printer.Out.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: the normal end of a follow.
            }
            catch (IOException) when (cancellationToken.IsCancellationRequested)
            {
                // The stream was cut by the cancellation.
            }
            return ExitCode.Ok;
        });
        return command;
    }
}
