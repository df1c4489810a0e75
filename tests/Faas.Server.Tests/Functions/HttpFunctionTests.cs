using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Functions;

/// <summary>What /fn does around the handler: version pins, faas.json's handler name, errors before a handler runs, the body limit.</summary>
public sealed class HttpFunctionTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Answering(string text) =>
        TestZip.NodeApp($"module.exports = {{ handler: (ctx, event) => ({{ body: '{text} ' + ctx.version + ' ' + event.relativePath }}) }};");

    private async Task<HttpResponseMessage> GetAsync(string path, string? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (version is not null)
        {
            request.Headers.Add("X-Function-Version", version);
        }
        return await Client.SendAsync(request, Ct).Bounded();
    }

    [Fact]
    public async Task Fn_VersionPinnedInPathOrHeader_RunsThatVersion()
    {
        await (await Client.PutAppAsync("fn-pin", Answering("one")).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        await (await Client.PutAppAsync("fn-pin", Answering("two")).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);

        var active = await GetAsync("/fn/fn-pin/a/b");
        var path = await GetAsync("/fn/fn-pin@v1/a");
        var header = await GetAsync("/fn/fn-pin", "v1");

        Assert.Equal("two v2 /a/b", await active.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("v2", active.Headers.GetValues("X-Function-Version").Single());
        Assert.Equal("one v1 /a", await path.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("v1", path.Headers.GetValues("X-Function-Version").Single());
        Assert.Equal("one v1 /", await header.ExpectAsync(HttpStatusCode.OK));
        Assert.Contains("v9", await (await GetAsync("/fn/fn-pin@v9")).ExpectAsync(HttpStatusCode.NotFound));
        Assert.Contains("not a version", await (await GetAsync("/fn/fn-pin@nine")).ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Contains("X-Function-Version", await (await GetAsync("/fn/fn-pin@v1", "v2")).ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Fn_FaasJsonNamesHandler_ThatFunctionServes()
    {
        var zip = TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = { web: (ctx) => ({ body: { name: ctx.functionName } }), handler: () => ({ body: 'wrong' }) };"),
            ("faas.json", """{"handler":"web"}"""));
        await Client.DeployZipAsync("fn-named", zip);

        var response = await GetAsync("/fn/fn-named");

        Assert.Equal("""{"name":"web"}""", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Fn_AppWithoutHandler_404Json()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "fn-nohandler");

        var response = await GetAsync("/fn/fn-nohandler");

        var body = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("no HTTP handler", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.False(response.Headers.Contains("X-Execution-Id"));
    }

    [Fact]
    public async Task Fn_UnknownApp_404Json()
    {
        var response = await GetAsync("/fn/fn-nothing-here/x");

        var body = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Fn_BodyOverLimit_413()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:MaxCallBodyBytes"] = "64";
        using var client = await factory.CreateReadyClientAsync().Bounded(HubApi.DeployTimeout);
        await client.DeployZipAsync("fn-limit", Answering("x"));

        var response = await client.PostAsync("/fn/fn-limit", new StringContent(new string('a', 65), Encoding.UTF8, "text/plain"), Ct).Bounded();
        var fits = await client.PostAsync("/fn/fn-limit", new StringContent(new string('a', 64), Encoding.UTF8, "text/plain"), Ct).Bounded();

        await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        await fits.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Fn_Head_HeadersWithoutBody()
    {
        await Client.DeployZipAsync("fn-head", Answering("head"));

        using var request = new HttpRequestMessage(HttpMethod.Head, "/fn/fn-head");
        var response = await Client.SendAsync(request, Ct).Bounded();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(response.Headers.Contains("X-Execution-Id"));
    }
}
