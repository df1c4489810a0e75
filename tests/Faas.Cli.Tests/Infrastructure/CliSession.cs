namespace Faas.Cli.Tests.Infrastructure;

/// <summary>Runs of the CLI in one work folder (its <c>functions/</c> folder and its own state folder) against a test server.</summary>
public sealed class CliSession
{
    private readonly TestServer server;

    public CliSession(TestServer server, string name)
    {
        this.server = server;
        Work = Path.Combine(server.Root, name);
        Directory.CreateDirectory(Functions);
    }

    public string Work { get; }

    public string Functions => Path.Combine(Work, "functions");

    public Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync(server.Variables(Path.Combine(Work, "home")), Work, args, TestContext.Current.CancellationToken);

    /// <summary>A run that must exit 0 (else the failure shows the run and the server's output).</summary>
    public async Task<CliRun> RunOkAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"faas {string.Join(' ', args)}: {run}\n--- server ---\n{server.Output}");
        return run;
    }
}
