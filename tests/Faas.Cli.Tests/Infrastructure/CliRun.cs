using System.Text.Json.Nodes;
using Faas.Cli;

namespace Faas.Cli.Tests.Infrastructure;

/// <summary>One run of the CLI, in-process, with its own environment: exit code, stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    // A first `up` of a whole polyglot folder (a TypeScript build, a Go build, an image build) takes a minute on a loaded machine.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public JsonNode Json => JsonNode.Parse(Output) ?? throw new InvalidOperationException($"No JSON on stdout:\n{this}");

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, string directory, string[] args, CancellationToken cancellationToken = default, TextWriter? output = null)
    {
        var stdout = output ?? new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment(name => variables.GetValueOrDefault(name), directory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, TestContext.Current.CancellationToken);
        var code = await CliApp.RunAsync(args, stdout, stderr, environment, timeout.Token).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        return new CliRun(code, stdout.ToString() ?? "", stderr.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
