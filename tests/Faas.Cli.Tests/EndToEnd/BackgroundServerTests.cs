using System.Diagnostics;
using Faas.Cli.Serve;
using Faas.Cli.Tests.Infrastructure;

namespace Faas.Cli.Tests.EndToEnd;

/// <summary><c>faas up</c> with no server: it starts one in the background; <c>faas down</c> stops that one.</summary>
public sealed class BackgroundServerTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("faas-cli-bg-");

    [Fact]
    public async Task Up_NoServer_StartsOneThatDownStops()
    {
        var work = root.FullName;
        var variables = new Dictionary<string, string>
        {
            ["FAAS_URL"] = $"http://127.0.0.1:{TestServer.FreePort()}",
            ["FAAS_HOME"] = Path.Combine(work, "home"),
            ["FAAS_DATA"] = Path.Combine(work, "data"),
        };
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(0, (await CliRun.RunAsync(variables, work, ["new", "bg", "--lang", "node"], ct)).ExitCode);

        var up = await CliRun.RunAsync(variables, work, ["up", "--json"], ct);
        var state = ServerState.Read(variables["FAAS_HOME"]);
        try
        {
            Assert.True(up.ExitCode == 0, up.ToString());
            Assert.Contains("starting one in the background", up.Error, StringComparison.Ordinal);
            Assert.NotNull(state);
            Assert.True(Directory.Exists(Path.Combine(work, "data", "apps", "bg")));
            Assert.Equal("\"Hello, bg!\"", (await CliRun.RunAsync(variables, work, ["call", "bg", "hello", "[\"bg\"]", "--json"], ct)).Output.Trim());

            var down = await CliRun.RunAsync(variables, work, ["down"], ct);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Contains($"pid {state.Pid}", down.Output, StringComparison.Ordinal);
            Assert.Null(ServerState.Read(variables["FAAS_HOME"]));
            Assert.Equal(3, (await CliRun.RunAsync(variables, work, ["ls"], ct)).ExitCode);
        }
        finally
        {
            using var process = state?.FindProcess();
            process?.Kill(entireProcessTree: true);
        }
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
