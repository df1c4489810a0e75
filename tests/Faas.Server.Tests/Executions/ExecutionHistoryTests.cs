using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Core.Executions;
using Faas.Core.Storage;
using Faas.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Faas.Server.Tests.Executions;

/// <summary>Every invocation is recorded, with real workers: successes, errors, timeouts, crashes, masked events, log lines; and the history API.</summary>
public sealed class ExecutionHistoryTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> ListAsync(string app, string query = "")
    {
        var response = await Client.GetBoundedAsync($"/api/apps/{app}/executions{query}");
        return JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement.Clone();
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        var response = await Client.GetBoundedAsync($"/api/executions/{id}");
        return JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> CallAsync(string app, string function, string json, double? timeoutSeconds = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.CallPath(app, function)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (timeoutSeconds is { } seconds)
        {
            request.Headers.Add("X-Faas-Timeout", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return await Client.SendAsync(request, Ct).Bounded();
    }

    [Fact]
    public async Task Call_Success_RecordedWithTriggerCall()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "hist-sum");

        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("hist-sum", "sum"), "[1,2]"));

        var list = await ListAsync("hist-sum");
        var item = Assert.Single(list.GetProperty("executions").EnumerateArray());
        Assert.Equal(("sum", "v1", "call", "success", 200), (item.GetProperty("function").GetString(), item.GetProperty("version").GetString(),
            item.GetProperty("trigger").GetString(), item.GetProperty("status").GetString(), item.GetProperty("httpStatus").GetInt32()));
        Assert.True(item.GetProperty("durationMs").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("event").ValueKind);
        Assert.Equal("""{"total":1,"limit":20,"offset":0}""", list.GetProperty("pagination").GetRawText());
    }

    [Fact]
    public async Task Call_ErrorTimeoutAndCrash_RecordedWithStatusAndDetail()
    {
        await Client.DeploySampleBoundedAsync("contract/node", "hist-contract");
        await Client.DeployZipAsync("hist-faults", Samples.Zip("faults"));

        await (await CallAsync("hist-contract", "fails", """["boom here"]""")).ExpectAsync(HttpStatusCode.InternalServerError);
        await (await CallAsync("hist-faults", "spin", "[]", timeoutSeconds: 0.5)).ExpectAsync(HttpStatusCode.GatewayTimeout);
        await (await CallAsync("hist-faults", "exitNow", "[7]")).ExpectAsync(HttpStatusCode.BadGateway);

        var error = (await ListAsync("hist-contract", "?status=error")).GetProperty("executions")[0];
        Assert.Equal(("fails", 500), (error.GetProperty("function").GetString(), error.GetProperty("httpStatus").GetInt32()));
        Assert.Contains("boom here", error.GetProperty("error").GetString());
        var timeout = Assert.Single((await ListAsync("hist-faults", "?status=timeout")).GetProperty("executions").EnumerateArray());
        Assert.Equal(("spin", 504), (timeout.GetProperty("function").GetString(), timeout.GetProperty("httpStatus").GetInt32()));
        var crash = Assert.Single((await ListAsync("hist-faults", "?status=error&function=exitNow&trigger=call")).GetProperty("executions").EnumerateArray());
        Assert.Equal(502, crash.GetProperty("httpStatus").GetInt32());
        Assert.Contains("exited with code 7", crash.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Fn_SecretsInRequest_HandlerSeesThemRecordMasksThem()
    {
        await Client.DeploySampleBoundedAsync("http-handler/node", "hist-mask");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fn/hist-mask/echo?token=qs-secret&page=2")
        {
            Content = new StringContent("""{"user":"ada","password":"body-secret"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer header-secret");

        var response = await Client.SendAsync(request, Ct).Bounded();

        Assert.Contains("body-secret", await response.ExpectAsync(HttpStatusCode.OK));
        var record = (await GetAsync(response.Headers.GetValues("X-Execution-Id").Single())).GetProperty("execution");
        Assert.Equal(("http", "handler", "success"), (record.GetProperty("trigger").GetString(), record.GetProperty("function").GetString(), record.GetProperty("status").GetString()));
        var stored = record.GetProperty("event");
        var text = stored.GetRawText();
        Assert.DoesNotContain("secret", text.Replace("[REDACTED]", "", StringComparison.Ordinal).Replace("\"password\"", "", StringComparison.Ordinal));
        Assert.Equal("[REDACTED]", stored.GetProperty("headers").GetProperty("authorization").GetString());
        Assert.Equal("[REDACTED]", stored.GetProperty("query").GetProperty("token").GetString());
        Assert.Equal("2", stored.GetProperty("query").GetProperty("page").GetString());
        Assert.Equal("POST", stored.GetProperty("method").GetString());
        Assert.Contains("\"user\":\"ada\"", stored.GetProperty("body").GetString());
    }

    [Fact]
    public async Task GetExecution_HubCallAndFnTextBody_ResultKeptMasked()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "hist-result");
        await Client.DeploySampleBoundedAsync("http-handler/node", "hist-result-fn");

        Assert.Equal("""{"token":"call-secret","n":1}""", await Client.CallOkAsync(server.CallPath("hist-result", "delayedEcho"), """[{"token":"call-secret","n":1}, 0]"""));
        var text = await Client.GetAsync("/fn/hist-result-fn/text?name=ann", Ct).Bounded();
        var binary = await Client.GetAsync("/fn/hist-result-fn/binary", Ct).Bounded();
        await text.ExpectAsync(HttpStatusCode.OK);
        await binary.ExpectAsync(HttpStatusCode.OK);

        var call = Assert.Single((await ListAsync("hist-result")).GetProperty("executions").EnumerateArray());
        Assert.Equal("""{"token":"[REDACTED]","n":1}""", (await GetAsync(call.GetProperty("id").GetString()!)).GetProperty("execution").GetProperty("result").GetString());
        var fn = (await GetAsync(text.Headers.GetValues("X-Execution-Id").Single())).GetProperty("execution");
        Assert.Equal("hello ann", fn.GetProperty("result").GetString());
        var bytes = (await GetAsync(binary.Headers.GetValues("X-Execution-Id").Single())).GetProperty("execution");
        Assert.Equal(("success", JsonValueKind.Null), (bytes.GetProperty("status").GetString(), bytes.GetProperty("result").ValueKind));
    }

    [Fact]
    public async Task Append_LinesForAnExecution_ListedWithItOldestFirst()
    {
        await Client.DeploySampleBoundedAsync("http-handler/node", "hist-logs");
        var response = await Client.GetAsync("/fn/hist-logs/text", Ct).Bounded();
        var id = response.Headers.GetValues("X-Execution-Id").Single();
        var sink = server.Factory.Services.GetRequiredService<IExecutionLog>();

        sink.Append(id, "info", "first line", DateTimeOffset.UtcNow);
        sink.Append(id, "error", "second line", DateTimeOffset.UtcNow);

        var logs = (await GetAsync(id)).GetProperty("logs");
        Assert.Equal([("info", "first line"), ("error", "second line")],
            logs.EnumerateArray().Select(l => (l.GetProperty("level").GetString(), l.GetProperty("message").GetString())));
    }

    [Fact]
    public async Task Prune_AppsFaasJsonHistoryMaxCount_AppliesToThatAppAlone()
    {
        const string Source = "module.exports = { ping: () => 'pong' };";
        await Client.DeployZipAsync("hist-own", TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""), ("index.js", Source), ("faas.json", """{"historyMaxCount":2}""")));
        await Client.DeployZipAsync("hist-default", TestZip.NodeApp(Source));
        for (var i = 0; i < 3; i++)
        {
            foreach (var app in new[] { "hist-own", "hist-default" })
            {
                Assert.Equal("\"pong\"", await Client.CallOkAsync(server.CallPath(app, "ping"), "[]"));
            }
        }
        await ListAsync("hist-own");

        server.Factory.Services.GetServices<IHostedService>().OfType<Faas.Server.Hosting.ExecutionHistoryService>().Single().Prune();

        Assert.Equal(2, (await ListAsync("hist-own")).GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(3, (await ListAsync("hist-default")).GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Delete_App_ItsHistoryGoesWithIt()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "hist-deleted");
        await Client.CallOkAsync(server.CallPath("hist-deleted", "sum"), "[1,2]");
        var id = (await ListAsync("hist-deleted")).GetProperty("executions")[0].GetProperty("id").GetString();

        await (await Client.DeleteAppAsync(server.Factory.Prefix, "hist-deleted")).ExpectAsync(HttpStatusCode.OK);
        await Client.DeploySampleBoundedAsync("node-sum", "hist-deleted");

        Assert.Equal(0, (await ListAsync("hist-deleted")).GetProperty("pagination").GetProperty("total").GetInt32());
        await (await Client.GetBoundedAsync($"/api/executions/{id}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restart_ExecutionLeftPending_EndsAsInterruptedError()
    {
        await using var factory = new FaasAppFactory();
        var id = ExecutionId.New(DateTimeOffset.UtcNow);
        new ExecutionStore(new Database(new DataLayout(factory.DataDirectory)))
            .Write([new ExecutionRecord(id, "gone", "f", "v1", "call", ExecutionStatus.Pending, null, DateTimeOffset.UtcNow, null, null, null)], []);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        var response = await client.GetBoundedAsync($"/api/executions/{id}");

        var record = JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement.GetProperty("execution");
        Assert.Equal(ExecutionStatus.Error, record.GetProperty("status").GetString());
        Assert.Equal(ExecutionStatus.Interrupted, record.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/apps/hist-none/executions", HttpStatusCode.NotFound)]
    [InlineData("/api/executions/ex_0000000000000000000000", HttpStatusCode.NotFound)]
    [InlineData("/api/executions/not-an-id", HttpStatusCode.NotFound)]
    public async Task Get_Unknown_404Json(string path, HttpStatusCode status)
    {
        var response = await Client.GetBoundedAsync(path);

        Assert.True(JsonDocument.Parse(await response.ExpectAsync(status)).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task List_BadQuery_400()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "hist-bad");

        foreach (var query in new[] { "?limit=0", "?limit=101", "?offset=-1", "?limit=abc", "?status=done", "?trigger=cron" })
        {
            var response = await Client.GetBoundedAsync($"/api/apps/hist-bad/executions{query}");

            Assert.Contains("\"error\"", await response.ExpectAsync(HttpStatusCode.BadRequest));
        }
    }

    [Fact]
    public async Task List_Pages_NewestFirstWithTotals()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "hist-page");
        for (var i = 0; i < 3; i++)
        {
            await Client.CallOkAsync(server.CallPath("hist-page", "sum"), $"[{i},0]");
        }

        var first = await ListAsync("hist-page", "?limit=2");
        var last = await ListAsync("hist-page", "?limit=2&offset=2");
        var none = await ListAsync("hist-page", "?status=timeout");

        Assert.Equal(2, first.GetProperty("executions").GetArrayLength());
        Assert.Equal("""{"total":3,"limit":2,"offset":2}""", last.GetProperty("pagination").GetRawText());
        Assert.Equal(1, last.GetProperty("executions").GetArrayLength());
        Assert.True(string.CompareOrdinal(first.GetProperty("executions")[0].GetProperty("id").GetString(), last.GetProperty("executions")[0].GetProperty("id").GetString()) > 0);
        Assert.Equal("[]", none.GetProperty("executions").GetRawText());
        Assert.Equal(0, none.GetProperty("dropped").GetInt64());
    }
}
