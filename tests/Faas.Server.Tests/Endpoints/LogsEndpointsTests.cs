using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary><c>POST /api/deploy/logs</c>: the app's installer output and worker output, as one JSON string.</summary>
public sealed class LogsEndpointsTests(LogsEndpointsTests.Fixture server) : IClassFixture<LogsEndpointsTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("node-npm-dep", "logs-npm");
            await Client.DeployZipAsync("logs-noisy", TestZip.NodeApp("""
                console.log('loaded and printing to stdout');
                console.error('loaded and printing to stderr');
                module.exports = { say: (text) => { console.log('said: ' + text); return text.length; } };
                """));
        }
    }

    private HttpClient Client => server.Client;

    [Fact]
    public async Task Logs_NpmApp_ReturnsJsonStringWithInstallerOutput()
    {
        var response = await Client.LogsResponseAsync("logs-npm");

        var text = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var logs = JsonSerializer.Deserialize<string>(text)!;
        Assert.Contains("npm install", logs, StringComparison.Ordinal);
        Assert.Contains("added 1 package", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_WorkerOutput_AppearsInTheLogs()
    {
        await Client.WaitForLogAsync("logs-noisy", "loaded and printing to stdout");
        await Client.WaitForLogAsync("logs-noisy", "loaded and printing to stderr");

        Assert.Equal("5", await Client.CallOkAsync(server.CallPath("logs-noisy", "say"), """["hello"]"""));

        await Client.WaitForLogAsync("logs-noisy", "said: hello");
    }

    [Fact]
    public async Task Logs_UnknownSuffix_Returns404()
    {
        var response = await Client.LogsResponseAsync("logs-missing");

        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Logs_BadJson_Returns400()
    {
        var response = await Client.PostRawAsync("/api/deploy/logs", "{", "application/json");

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }
}
