using System.Net;
using Faas.Server.Hosting;
using Faas.Server.Tests.Infrastructure;
using Faas.Server.Tests.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Faas.Server.Tests.Hosting;

/// <summary>What the server's own log (Serilog) says: one line per request, app lifecycle events with the app's name, function URLs after a deploy.</summary>
public sealed class ServerLogTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private LogCapture Logs => server.Factory.Logs;

    [Fact]
    public async Task Deploy_NodeApp_LogsStartReadyWorkerAndOneUrlPerFunction()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "log-sum");

        var url = await Logs.WaitForAsync(l => l.Message.StartsWith("Deployed log-sum v1: http", StringComparison.Ordinal)
            && l.Message.EndsWith($"/{server.Factory.Prefix}/log-sum/v1/call/sum", StringComparison.Ordinal));
        Assert.Equal("log-sum", url.Properties["App"]);
        var urls = Logs.Logs.Where(l => l.Message.StartsWith("Deployed log-sum v1: ", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.Equal(7, urls.Count);
        Assert.Contains(urls, u => u.EndsWith("/log-sum/v1/await/delayedEcho", StringComparison.Ordinal));
        Assert.Contains(Logs.Logs, l => l.Message == "Deploying log-sum v1." && l.Properties["App"] == "log-sum");
        Assert.Contains(Logs.Logs, l => l.Message == "log-sum v1 is ready: node." && l.Properties["App"] == "log-sum");
        Assert.Contains(Logs.Logs, l => l.Message.StartsWith("Started the node worker of log-sum (pid ", StringComparison.Ordinal) && l.Properties["App"] == "log-sum");
    }

    [Fact]
    public async Task Request_Any_LogsOneLineWithMethodPathStatusAndTime()
    {
        await (await Client.GetBoundedAsync("/api/inspect?log=1")).ExpectAsync(HttpStatusCode.OK);
        await (await Client.PostRawAsync("/api/deploy/delete", """{"suffix":"log-missing"}""", "application/json")).ExpectAsync(HttpStatusCode.NotFound);

        var ok = await Logs.WaitForAsync(l => l.Message.StartsWith("HTTP GET /api/inspect responded 200 in ", StringComparison.Ordinal));
        var notFound = await Logs.WaitForAsync(l => l.Message.StartsWith("HTTP POST /api/deploy/delete responded 404 in ", StringComparison.Ordinal));
        Assert.Equal("200", ok.Properties["StatusCode"]);
        Assert.True(double.Parse(ok.Properties["Elapsed"], System.Globalization.CultureInfo.InvariantCulture) >= 0);
        Assert.Equal("404", notFound.Properties["StatusCode"]);
        Assert.Single(Logs.Logs, l => l.Message.StartsWith("HTTP GET /api/inspect ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostingRequestLogger_ByDefault_IsOffAtEveryLevel()
    {
        await (await Client.GetBoundedAsync("/api/runtimes?hosting=1")).ExpectAsync(HttpStatusCode.OK);
        await Logs.WaitForAsync(l => l.Message.StartsWith("HTTP GET /api/runtimes responded 200", StringComparison.Ordinal));

        // Enabled at any level, it would make hosting start an Activity and a log scope for every request.
        var hosting = server.Factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServerLogging.HostingDiagnostics);
        Assert.False(hosting.IsEnabled(LogLevel.Critical));
        Assert.DoesNotContain(Logs.Logs, l => l.Category == ServerLogging.HostingDiagnostics);
    }

    [Fact]
    public async Task HostingRequestLogger_TurnedOnInConfiguration_LogsRequestStartAndFinish()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings[$"Serilog:MinimumLevel:Override:{ServerLogging.HostingDiagnostics}"] = "Information";
        var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        await (await client.GetBoundedAsync("/api/inspect?hosting=2")).ExpectAsync(HttpStatusCode.OK);

        await factory.Logs.WaitForAsync(l => l.Category == ServerLogging.HostingDiagnostics
            && l.Message.Contains("/api/inspect?hosting=2", StringComparison.Ordinal) && l.Message.StartsWith("Request finished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_ServerAppAnswers200_OneRequestLineAndNoneOfYarps()
    {
        await Client.DeployServerAsync("log-srv", Samples.Zip("node-server"));
        await (await Client.GetBoundedAsync("/invoke/log-srv/quiet")).ExpectAsync(HttpStatusCode.OK);
        await Logs.WaitForAsync(l => l.Message.StartsWith("HTTP GET /invoke/log-srv/quiet responded 200", StringComparison.Ordinal));

        Assert.Single(Logs.Logs, l => l.Message.Contains("/invoke/log-srv/quiet", StringComparison.Ordinal) && l.Level >= LogLevel.Information);
        Assert.DoesNotContain(Logs.Logs, l => l.Message.StartsWith("Proxying to ", StringComparison.Ordinal) && l.Level >= LogLevel.Information);
    }

    [Fact]
    public async Task Call_StuckPastItsTimeout_LogsTheTimeoutAndTheKill()
    {
        await Client.DeploySampleBoundedAsync("faults", "log-faults");
        using var request = new HttpRequestMessage(HttpMethod.Post, server.CallPath("log-faults", "spin"));
        request.Headers.Add("X-Faas-Timeout", "0.5");

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();

        Assert.Contains("timed out", await response.ExpectAsync(HttpStatusCode.GatewayTimeout), StringComparison.Ordinal);
        var killed = await Logs.WaitForAsync(l => l.Message.StartsWith("The call to spin of log-faults ran past its 0.5 s timeout; the node worker (pid ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, killed.Level);
        Assert.EndsWith("is stuck and was killed.", killed.Message, StringComparison.Ordinal);
        Assert.Equal("log-faults", killed.Properties["App"]);
    }

    [Fact]
    public async Task Restore_AppThatNoLongerLoads_LogsTheFailureWithTheApp()
    {
        await using var factory = new FaasAppFactory();
        var app = Path.Combine(factory.DataDirectory, "apps", "log-broken");
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "metacall.json"), "{ not json", TestContext.Current.CancellationToken);

        await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);

        var failed = await factory.Logs.WaitForAsync(l => l.Message.StartsWith("Restoring log-broken failed", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, failed.Level);
        Assert.Contains("metacall.json is not valid JSON", failed.Message, StringComparison.Ordinal);
        Assert.Equal("log-broken", failed.Properties["App"]);
    }
}
