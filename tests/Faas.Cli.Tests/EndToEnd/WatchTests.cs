using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary><c>faas up --watch</c> redeploys a folder whose files change (bounded: the test cancels it).</summary>
public sealed class WatchTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task UpWatch_FileEdited_RedeploysThatApp()
    {
        var work = Path.Combine(server.Root, "watch");
        Directory.CreateDirectory(Path.Combine(work, "functions"));
        var variables = server.Variables(Path.Combine(work, "home"));
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(0, (await CliRun.RunAsync(variables, work, ["new", "watched", "--lang", "node"], ct)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(variables, work, ["new", "still", "--lang", "node"], ct)).ExitCode);

        var output = new SignalWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watching = CliRun.RunAsync(variables, work, ["up", "--watch"], stop.Token, output);
        await output.WaitForAsync("Watching ", TimeSpan.FromSeconds(60));

        await File.AppendAllTextAsync(Path.Combine(work, "functions", "watched", "index.js"), "// edited\n", ct);
        await output.WaitForAsync("Total: 1 built, 0 up-to-date, 0 failed", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        var run = await watching;

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("⋯ watched: deploying", output.ToString()[output.ToString().IndexOf("Watching ", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var versions = (await CliRun.RunAsync(variables, work, ["versions", "watched", "--json"], ct)).Json.AsArray();
        Assert.Equal("v2", versions[0]!["version"]!.GetValue<string>());
        Assert.Single((await CliRun.RunAsync(variables, work, ["versions", "still", "--json"], ct)).Json.AsArray());
    }
}
