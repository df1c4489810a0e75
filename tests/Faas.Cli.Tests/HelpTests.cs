using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests;

/// <summary><c>--help</c> on the root and on every command and subcommand: exit 0, usage, and examples where the command has them.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands()
    {
        var root = CliApp.Build(new CliHost(TextWriter.Null, TextWriter.Null, new CliEnvironment(_ => null, Path.GetTempPath())));
        var data = new TheoryData<string>("");
        foreach (var command in root.Subcommands)
        {
            data.Add(command.Name);
            foreach (var sub in command.Subcommands)
            {
                data.Add($"{command.Name} {sub.Name}");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryCommand_PrintsUsageAndExamples(string command)
    {
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];
        var run = await CliRun.RunAsync(new Dictionary<string, string>(), Path.GetTempPath(), args, TestContext.Current.CancellationToken);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        if (!command.Contains(' ', StringComparison.Ordinal))
        {
            // Every top-level command ends its help with examples (subcommands share their parent's).
            Assert.Contains("Examples:\n  faas", run.Output, StringComparison.Ordinal);
        }
    }
}
