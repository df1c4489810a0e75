using System.CommandLine;
using Faas.Cli.Commands;

namespace Faas.Cli;

/// <summary>The <c>faas</c> command: a table of contents of its subcommands.</summary>
internal static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(args, output, error, CliEnvironment.Process, cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var root = Build(new CliHost(output, error, environment));
        // No response files: '@file' is ours (a body or a value read from a file: invoke -d, kv set).
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }
            await error.WriteLineAsync("Run 'faas --help' (or 'faas <command> --help') for usage.");
            return (int)ExitCode.Usage;
        }
        var code = await parse.InvokeAsync(configuration, cancellationToken);
        if (parse.Action is System.CommandLine.Help.HelpAction && CliHost.ExamplesOf(parse.CommandResult.Command) is { Count: > 0 } examples)
        {
            await output.WriteLineAsync("Examples:");
            foreach (var example in examples)
            {
                await output.WriteLineAsync($"  {example}");
            }
            await output.WriteLineAsync();
        }
        return code;
    }

    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand(CliHost.Describe(
            "faas: deploy, call and manage apps on a Faas server. A functions folder (one app per subfolder) is kept deployed with up/down/check.",
            "faas serve                     # run a server on http://localhost:9000",
            "faas new hello --lang node     # functions/hello from a template",
            "faas up                        # deploy what changed in ./functions",
            "faas call hello hello '[\"World\"]'",
            "faas check && faas down hello"))
        {
            GlobalOptions.Url(),
            GlobalOptions.Key(),
            GlobalOptions.Json(),
            UpCommand.Create(host),
            DownCommand.Create(host),
            CheckCommand.Create(host),
            DeployCommand.Create(host),
            LsCommand.Create(host),
            CallCommand.Create(host),
            InvokeCommand.Create(host),
            LogsCommand.Create(host),
            RmCommand.Create(host),
            VersionsCommand.Create(host),
            RollbackCommand.Create(host),
            NewCommand.Create(host),
            EnvCommand.Create(host),
            KeysCommand.Create(host),
            KvCommand.Create(host),
            ServeCommand.Create(host),
        };
        return root;
    }
}
