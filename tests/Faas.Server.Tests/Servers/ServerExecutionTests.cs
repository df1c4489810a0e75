using System.Net;
using System.Text.Json;
using Faas.Core.Executions;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary>Every request to a server app (a real Node.js server) is an execution: trigger http, the upstream's status, a masked event.</summary>
public sealed class ServerExecutionTests(FaasServerFixture fixture) : IClassFixture<FaasServerFixture>
{
    // Answers the status named by the path (/status/503), exits without answering on /exit, else answers 200.
    private const string StatusServer = """
        const http = require('http');
        http.createServer((req, res) => {
          if (req.url === '/exit') process.exit(5);
          const m = /^\/status\/(\d{3})$/.exec(req.url);
          res.statusCode = m ? Number(m[1]) : 200;
          res.end('status ' + res.statusCode);
        }).listen(Number(process.env.PORT), '127.0.0.1');
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client => fixture.Client;

    private async Task<JsonElement> ExecutionOfAsync(HttpResponseMessage response)
    {
        var id = Assert.Single(response.Headers.GetValues("X-Execution-Id"));
        var text = await (await Client.GetBoundedAsync($"/api/executions/{id}")).ExpectAsync(HttpStatusCode.OK);
        return JsonDocument.Parse(text).RootElement.GetProperty("execution").Clone();
    }

    [Fact]
    public async Task Invoke_Request_RecordedWithMaskedEvent()
    {
        await Client.DeployServerAsync("srv-exec", Samples.Zip("node-server"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/invoke/srv-exec/items/3?token=s3cret-query&x=1");
        request.Headers.Add("Authorization", "Bearer s3cret-header");
        request.Headers.Add("X-Custom", "kept");
        using var response = await Client.SendAsync(request, Ct).Bounded();
        await response.ExpectAsync(HttpStatusCode.OK);

        var execution = await ExecutionOfAsync(response);

        Assert.Equal(("srv-exec", "srv-exec", "v1", ExecutionTriggers.Http, ExecutionStatus.Success, 200),
            (execution.GetProperty("app").GetString(), execution.GetProperty("function").GetString(), execution.GetProperty("version").GetString(),
             execution.GetProperty("trigger").GetString(), execution.GetProperty("status").GetString(), execution.GetProperty("httpStatus").GetInt32()));
        Assert.True(execution.GetProperty("durationMs").GetDouble() > 0);
        var recorded = execution.GetProperty("event");
        Assert.Equal(("GET", "/invoke/srv-exec/items/3", "/items/3"),
            (recorded.GetProperty("method").GetString(), recorded.GetProperty("path").GetString(), recorded.GetProperty("relativePath").GetString()));
        Assert.Equal("1", recorded.GetProperty("query").GetProperty("x").GetString());
        Assert.Equal(SecretMasker.Redacted, recorded.GetProperty("query").GetProperty("token").GetString());
        Assert.Equal(SecretMasker.Redacted, recorded.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal("kept", recorded.GetProperty("headers").GetProperty("x-custom").GetString());
        Assert.DoesNotContain("s3cret", recorded.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503, ExecutionStatus.Error)]
    [InlineData(500, ExecutionStatus.Error)]
    [InlineData(404, ExecutionStatus.Success)]
    public async Task Invoke_UpstreamStatus_RecordedWithItsOutcome(int status, string outcome)
    {
        await Client.DeployServerAsync($"srv-exec-{status}", StatusServerZip());
        using var response = await Client.GetAsync($"/invoke/srv-exec-{status}/status/{status}", Ct).Bounded();
        Assert.Equal((HttpStatusCode)status, response.StatusCode);

        var execution = await ExecutionOfAsync(response);

        Assert.Equal((outcome, status), (execution.GetProperty("status").GetString(), execution.GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task Invoke_ServerCrashesMidRequest_RecordedAsErrorWithReason()
    {
        await Client.DeployServerAsync("srv-exec-crash", StatusServerZip());
        using var response = await Client.GetAsync("/invoke/srv-exec-crash/exit", Ct).Bounded();
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);

        var execution = await ExecutionOfAsync(response);

        Assert.Equal((ExecutionStatus.Error, 502), (execution.GetProperty("status").GetString(), execution.GetProperty("httpStatus").GetInt32()));
        Assert.Contains("did not answer", execution.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The status server as a Node.js app: a package.json and an index.js.</summary>
    private static byte[] StatusServerZip()
    {
        var folder = Directory.CreateTempSubdirectory("faas-status-server-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "package.json"), """{"name": "status-server", "main": "index.js", "scripts": {"start": "node index.js"}}""");
            File.WriteAllText(Path.Combine(folder.FullName, "index.js"), StatusServer);
            return Samples.ZipFolder(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
