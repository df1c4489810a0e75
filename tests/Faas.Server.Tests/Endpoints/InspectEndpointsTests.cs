using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary><c>GET /api/inspect</c>: the Hub's Deployment[] for apps run by real workers.</summary>
public sealed class InspectEndpointsTests(InspectEndpointsTests.Fixture server) : IClassFixture<InspectEndpointsTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("node-sum", "ins-node");
            await Client.DeploySampleBoundedAsync("python-typed", "ins-py");
            await Client.DeploySampleBoundedAsync("mixed", "ins-mixed");
            await (await Client.UploadAsync("ins-created", Samples.Zip("node-sum")).Bounded()).ExpectAsync(HttpStatusCode.Created);
            await (await Client.UploadAsync("ins-failed", TestZip.NodeApp("module.exports = { broken: ( };")).Bounded()).ExpectAsync(HttpStatusCode.Created);
            await Client.DeployAsync("ins-failed").Bounded(HubApi.DeployTimeout);
        }
    }

    private HttpClient Client => server.Client;

    [Fact]
    public async Task Inspect_Deployments_AreNewestFirst()
    {
        var order = (await Client.InspectAsync()).EnumerateArray().Select(d => d.GetProperty("suffix").GetString()).ToList();

        string[] uploaded = ["ins-node", "ins-py", "ins-mixed", "ins-created", "ins-failed"];
        Assert.Equal(uploaded.Reverse(), order.Where(uploaded.Contains));
    }

    [Theory]
    [InlineData("ins-node", "ready")]
    [InlineData("ins-created", "create")]
    [InlineData("ins-failed", "fail")]
    public async Task Inspect_Status_ReflectsTheLifecycle(string app, string status)
    {
        var deployment = await Client.InspectAppAsync(app);

        Assert.NotNull(deployment);
        Assert.Equal(status, deployment.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Inspect_Deployment_HasHubShape()
    {
        var deployment = (await Client.InspectAppAsync("ins-node"))!.Value;

        Assert.Equal(server.Factory.Prefix, deployment.GetProperty("prefix").GetString());
        Assert.Equal("v1", deployment.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Array, deployment.GetProperty("ports").ValueKind);
        var handle = Assert.Single(deployment.GetProperty("packages").GetProperty("node").EnumerateArray());
        Assert.Equal("index.js", handle.GetProperty("name").GetString());
        Assert.Equal("global_namespace", handle.GetProperty("scope").GetProperty("name").GetString());
        Assert.Empty(handle.GetProperty("scope").GetProperty("classes").EnumerateArray());
        Assert.Empty(handle.GetProperty("scope").GetProperty("objects").EnumerateArray());
        Assert.Single(deployment.GetProperty("packages").EnumerateObject());
    }

    [Fact]
    public async Task Inspect_NodeFunctions_ListNamesAsyncFlagsAndParameters()
    {
        var funcs = Funcs((await Client.InspectAppAsync("ins-node"))!.Value, "node", "index.js");

        Assert.Equal(["sum", "delayedEcho", "page", "fail", "nothing", "noisy", "echo"], funcs.Select(f => f.GetProperty("name").GetString()));
        var sum = funcs.Single(f => f.GetProperty("name").GetString() == "sum");
        Assert.False(sum.GetProperty("async").GetBoolean());
        Assert.Equal("""{"ret":{"type":{"name":"","id":20}},"args":[{"name":"a","type":{"name":"","id":20}},{"name":"b","type":{"name":"","id":20}}]}""",
            sum.GetProperty("signature").GetRawText());
        var delayed = funcs.Single(f => f.GetProperty("name").GetString() == "delayedEcho");
        Assert.True(delayed.GetProperty("async").GetBoolean());
        Assert.Equal(["value", "ms"], ArgNames(delayed));
    }

    [Fact]
    public async Task Inspect_PythonFunctions_ListTypesAndAsync()
    {
        var funcs = Funcs((await Client.InspectAppAsync("ins-py"))!.Value, "py", "functions.py");

        Assert.Equal(["multiply", "divide", "concat", "is_even", "tags", "hello", "nothing", "slow_double", "noisy", "page"],
            funcs.Select(f => f.GetProperty("name").GetString()));
        var multiply = funcs.Single(f => f.GetProperty("name").GetString() == "multiply");
        Assert.False(multiply.GetProperty("async").GetBoolean());
        Assert.Equal("""{"ret":{"type":{"name":"int","id":4}},"args":[{"name":"a","type":{"name":"int","id":4}},{"name":"b","type":{"name":"int","id":4}}]}""",
            multiply.GetProperty("signature").GetRawText());
        var types = funcs.ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("signature"));
        Assert.Equal("""{"name":"float","id":6}""", types["divide"].GetProperty("args")[0].GetProperty("type").GetRawText());
        Assert.Equal("""{"name":"str","id":7}""", types["concat"].GetProperty("ret").GetProperty("type").GetRawText());
        Assert.Equal("""{"name":"bool","id":0}""", types["is_even"].GetProperty("ret").GetProperty("type").GetRawText());
        Assert.Equal("""{"name":"list","id":9}""", types["tags"].GetProperty("args")[0].GetProperty("type").GetRawText());
        Assert.Equal("""{"name":"dict","id":10}""", types["tags"].GetProperty("ret").GetProperty("type").GetRawText());
        Assert.Equal("""{"name":"","id":20}""", types["hello"].GetProperty("args")[0].GetProperty("type").GetRawText());
        var slow = funcs.Single(f => f.GetProperty("name").GetString() == "slow_double");
        Assert.True(slow.GetProperty("async").GetBoolean());
        Assert.Equal(["x", "delay"], ArgNames(slow));
    }

    [Fact]
    public async Task Inspect_MixedApp_ListsBothLanguagesAndBothAreCallable()
    {
        var deployment = (await Client.InspectAppAsync("ins-mixed"))!.Value;

        Assert.Equal(["node", "py"], deployment.GetProperty("packages").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["nodeHello", "add"], Funcs(deployment, "node", "node/index.js").Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(["py_hello", "mul"], Funcs(deployment, "py", "py/calc.py").Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("\"Hello Ada from Node.js\"", await Client.CallOkAsync(server.CallPath("ins-mixed", "nodeHello"), """["Ada"]"""));
        Assert.Equal("\"Hello Ada from Python\"", await Client.CallOkAsync(server.CallPath("ins-mixed", "py_hello"), """["Ada"]"""));
        Assert.Equal("12", await Client.CallOkAsync(server.CallPath("ins-mixed", "mul"), "[3,4]"));
        Assert.Equal("7", await Client.CallOkAsync(server.CallPath("ins-mixed", "add"), "[3,4]"));
    }

    [Fact]
    public async Task Inspect_NotReadyApps_HaveNoPackages()
    {
        foreach (var app in new[] { "ins-created", "ins-failed" })
        {
            var deployment = (await Client.InspectAppAsync(app))!.Value;
            Assert.Empty(deployment.GetProperty("packages").EnumerateObject());
        }
    }

    private static List<JsonElement> Funcs(JsonElement deployment, string language, string script)
    {
        var handle = Assert.Single(deployment.GetProperty("packages").GetProperty(language).EnumerateArray());
        Assert.Equal(script, handle.GetProperty("name").GetString());
        return [.. handle.GetProperty("scope").GetProperty("funcs").EnumerateArray()];
    }

    private static IEnumerable<string?> ArgNames(JsonElement func) =>
        func.GetProperty("signature").GetProperty("args").EnumerateArray().Select(a => a.GetProperty("name").GetString());
}
