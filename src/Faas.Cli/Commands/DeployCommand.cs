using System.CommandLine;
using System.Diagnostics;
using Faas.Cli.Folders;
using Faas.Cli.Output;

namespace Faas.Cli.Commands;

/// <summary><c>faas deploy [dir] [--name]</c>: one folder as an app's next version, changed or not.</summary>
internal static class DeployCommand
{
    public static Command Create(CliHost host)
    {
        var dir = new Argument<string>("dir") { Description = "The app's folder.", DefaultValueFactory = _ => "." };
        var name = new Option<string?>("--name", "-n") { Description = "The app's name (default: the folder's name)." };
        var env = new Option<string[]>("--env", "-e") { Description = "NAME=value for the new version (repeatable), merged over the active version's." };
        var command = new Command("deploy", CliHost.Describe(
            "Deploy one folder as the next version of an app (created if new), whatever its hash; prints the function URLs.",
            "faas deploy ./functions/hello",
            "faas deploy . --name hello -e GREETING=hi"))
        {
            dir, name, env,
        };
        host.Bind(command, async (context, parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var path = context.Environment.FullPath(parse.GetValue(dir)!);
            if (!Directory.Exists(path))
            {
                throw new CliException(ExitCode.Usage, $"The folder '{path}' does not exist.");
            }
            var app = AppArguments.Validate(parse.GetValue(name) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(path)));
            var (kind, reason) = AppClassifier.Classify(path);
            var folder = new FunctionFolder(app, path, kind, reason);
            var envJson = EnvJson(parse.GetValue(env) ?? []);
            var outcome = await context.Printer.StatusAsync($"⋯ {app}: deploying as {OutcomePrinter.Kind(kind)} ({reason}), installing dependencies...",
                () => new FolderDeployer(context.Client).DeployAsync(folder, null, force: true, null, envJson, cancellationToken));
            OutcomePrinter.Print(context.Printer, context.Client.Url, [outcome], clock.Elapsed);
            return outcome.State == DeployState.Failed ? ExitCode.Failed : ExitCode.Ok;
        });
        return command;
    }

    private static string? EnvJson(string[] pairs)
    {
        if (pairs.Length == 0)
        {
            return null;
        }
        var env = new System.Text.Json.Nodes.JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException(ExitCode.Usage, $"'{pair}' is not NAME=value.");
            }
            env[pair[..equals]] = pair[(equals + 1)..];
        }
        return env.ToJsonString();
    }
}
