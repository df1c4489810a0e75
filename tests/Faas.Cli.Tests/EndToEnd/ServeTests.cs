using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary><c>faas serve</c> in the foreground: the shipped server answers until the command is cancelled (Ctrl-C).</summary>
public sealed class ServeTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("faas-cli-serve-");

    [Fact]
    public async Task Serve_Foreground_ServesUntilCancelled()
    {
        var url = $"http://127.0.0.1:{TestServer.FreePort()}";
        var variables = new Dictionary<string, string> { ["FAAS_HOME"] = Path.Combine(root.FullName, "home") };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var serving = CliRun.RunAsync(variables, root.FullName, ["serve", "--url", url, "--data", "data"], stop.Token);
        try
        {
            await TestServer.WaitUntilReadyAsync(url, () => serving.IsCompleted, () => "faas serve ended");
            Assert.True(Directory.Exists(Path.Combine(root.FullName, "data")));
        }
        finally
        {
            await stop.CancelAsync();
        }
        var run = await serving;
        Assert.Equal(0, run.ExitCode);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"{url}/api/readiness", TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        try
        {
            root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left to the system's temp cleanup.
        }
    }
}
