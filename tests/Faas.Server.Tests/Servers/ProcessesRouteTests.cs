using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Servers;

/// <summary><c>GET /api/apps/{app}/processes</c>: the live workers of a functions app, the process of a server app.</summary>
public sealed class ProcessesRouteTests(FaasServerFixture fixture) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Processes_FunctionsApp_ListsItsLiveWorkers()
    {
        await Client.DeployServerAsync("proc-fn", Samples.Zip("node-sum"), kind: null);
        var answer = await Client.GetJsonAsync("/api/apps/proc-fn/processes");
        Assert.Equal(("functions", "ready", "v1"), (answer.GetProperty("kind").GetString(), answer.GetProperty("status").GetString(), answer.GetProperty("version").GetString()));
        var pool = Assert.Single(answer.GetProperty("pools").EnumerateArray());
        Assert.Equal(("node", "running"), (pool.GetProperty("language").GetString(), pool.GetProperty("state").GetString()));
        var pid = Assert.Single(pool.GetProperty("pids").EnumerateArray()).GetInt32();
        using var worker = Process.GetProcessById(pid);
        Assert.False(worker.HasExited);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("server").ValueKind);
    }

    [Fact]
    public async Task Processes_ServerApp_ReportsTheServersPidAndPort()
    {
        await Client.DeployServerAsync("proc-srv", Samples.Zip("node-server"));
        var pid = (await Client.GetJsonAsync("/invoke/proc-srv")).GetProperty("pid").GetInt32();
        var answer = await Client.GetJsonAsync("/api/apps/proc-srv/processes");
        Assert.Equal("server", answer.GetProperty("kind").GetString());
        Assert.Empty(answer.GetProperty("pools").EnumerateArray());
        var server = answer.GetProperty("server");
        Assert.Equal(("node-server", "running", pid, 0), (server.GetProperty("kind").GetString(), server.GetProperty("state").GetString(), server.GetProperty("pid").GetInt32(), server.GetProperty("crashes").GetInt32()));
        Assert.True(server.GetProperty("port").GetInt32() > 0);
    }

    [Fact]
    public async Task SwaggerJson_Processes_DescribedWithItsContract()
    {
        var document = JsonDocument.Parse(await (await Client.GetBoundedAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK)).RootElement;
        var operation = document.GetProperty("paths").GetProperty("/api/apps/{app}/processes").GetProperty("get");
        Assert.Contains("worker pools", operation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/AppProcessesResponse",
            operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal("running", schemas.GetProperty("AppProcessesResponse").GetProperty("example").GetProperty("pools")[0].GetProperty("state").GetString());
        Assert.Contains("`crashed`", schemas.GetProperty("ServerProcessInfo").GetProperty("properties").GetProperty("state").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processes_UnknownApp_NotFound()
    {
        var text = await (await Client.GetBoundedAsync("/api/apps/proc-nobody/processes")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("proc-nobody", text, StringComparison.Ordinal);
    }
}
