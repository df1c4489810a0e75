using System.Net;
using System.Text;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Faas.Server.Tests.Runtime;

/// <summary>The live log stream, the result size limit, and an idle app starting again on its next call.</summary>
public sealed class LiveLogsAndLimitsTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    [Fact]
    public async Task LogStream_FunctionPrints_LineArrivesAsServerSentEvent()
    {
        await server.Client.DeploySampleBoundedAsync("faults", "stream-app");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/logs/stream-app/stream?tail=0");
        using var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken).Bounded();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        Assert.Equal("\"LIVE\"", await server.Client.CallOkAsync(server.CallPath("stream-app", "shout"), "[\"live\"]"));

        while (true)
        {
            var line = await reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().Bounded();
            Assert.NotNull(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("shouting live"))
            {
                break;
            }
        }
    }

    [Fact]
    public async Task LogStream_UnknownApp_Returns404()
    {
        var response = await server.Client.GetBoundedAsync("/api/logs/nobody-here/stream");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Call_ResultOverLimit_Returns413()
    {
        await using var own = new FaasAppFactory();
        await using var limited = own.WithWebHostBuilder(b => b.UseSetting("Faas:MaxResultBytes", "64"));
        var client = limited.CreateClient();
        await client.DeploySampleBoundedAsync("node-sum", "big-result");
        var echo = own.CallPath("big-result", "echo");

        var response = await client.CallBoundedAsync(echo, $"[\"{new string('x', 200)}\"]");

        var body = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("over the limit of 64 bytes", body);
        Assert.Equal("\"small\"", await client.CallOkAsync(echo, "[\"small\"]"));
    }

    [Fact]
    public async Task Idle_AppPastIdleTimeout_WorkersStopAndNextCallStartsOne()
    {
        await server.Client.DeployZipAsync("idle-app", Samples.ZipWith("node-sum", ("faas.json", """{"idleTimeoutSeconds":0.5}""")));
        var workers = WorkerProcesses.OfApp(server.DataDirectory, "idle-app").Select(w => w.Pid).ToArray();
        Assert.NotEmpty(workers);

        await WorkerProcesses.WaitUntilGoneAsync(workers);

        Assert.Equal("3", await server.Client.CallOkAsync(server.CallPath("idle-app", "sum"), "[1,2]"));
        Assert.Single(WorkerProcesses.OfApp(server.DataDirectory, "idle-app"));
        Assert.Contains("stopping the node workers until the next call", await server.Client.LogsAsync("idle-app"));
    }
}
