using System.Net;
using System.Text;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>CORS is off unless an app's faas.json allows origins: then its call routes answer preflights and name the origin.</summary>
public sealed class CorsTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private const string Page = "https://example.com";

    private static StringContent Args(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> PreflightAsync(string app, string origin) =>
        server.Client.SendAsync(HttpMethod.Options, server.CallPath(app, "sum"), null,
            ("Origin", origin), ("Access-Control-Request-Method", "POST"), ("Access-Control-Request-Headers", "content-type"));

    [Fact]
    public async Task Call_AppWithoutCors_SendsNoCorsHeader()
    {
        await server.Client.DeploySampleBoundedAsync("node-sum", "cors-off");

        using var call = await server.Client.SendAsync(HttpMethod.Post, server.CallPath("cors-off", "sum"), Args("[1,2]"), ("Origin", Page));
        using var preflight = await PreflightAsync("cors-off", Page);

        Assert.Equal("3", await call.ExpectAsync(HttpStatusCode.OK));
        Assert.False(call.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("cors", await preflight.ExpectAsync(HttpStatusCode.Forbidden));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Call_AppAllowsAnOrigin_PreflightAndCallsCarryItOthersDoNot()
    {
        await server.Client.DeployZipAsync("cors-on", Samples.ZipWith("node-sum",
            ("faas.json", """{"cors": {"origins": ["https://Example.com/"], "credentials": true}}""")));

        using var preflight = await PreflightAsync("cors-on", Page);
        using var call = await server.Client.SendAsync(HttpMethod.Post, server.CallPath("cors-on", "sum"), Args("[1,2]"), ("Origin", Page));
        using var failed = await server.Client.SendAsync(HttpMethod.Post, server.CallPath("cors-on", "fail"), Args("[\"boom\"]"), ("Origin", Page));
        using var foreign = await server.Client.SendAsync(HttpMethod.Post, server.CallPath("cors-on", "sum"), Args("[1,2]"), ("Origin", "https://evil.example"));
        using var foreignPreflight = await PreflightAsync("cors-on", "https://evil.example");

        await preflight.ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(Page, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.Contains("POST", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("content-type", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("3", await call.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal(Page, Assert.Single(call.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(Page, Assert.Single(failed.Headers.GetValues("Access-Control-Allow-Origin")));
        await foreign.ExpectAsync(HttpStatusCode.OK);
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        await foreignPreflight.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.False(foreignPreflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Call_AppAllowsEveryOrigin_AnswersStar()
    {
        await server.Client.DeployZipAsync("cors-any", Samples.ZipWith("node-sum", ("faas.json", """{"cors": "*"}""")));

        using var call = await server.Client.SendAsync(HttpMethod.Post, server.CallPath("cors-any", "sum"), Args("[1,2]"), ("Origin", "https://anywhere.example"));

        Assert.Equal("3", await call.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("*", Assert.Single(call.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(call.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("""{"cors": {"origins": "*", "credentials": true}}""")]
    [InlineData("""{"cors": {"origins": ["https://example.com/path"]}}""")]
    [InlineData("""{"cors": {"origins": ["ftp://example.com"]}}""")]
    [InlineData("""{"cors": true}""")]
    public async Task Deploy_InvalidCors_FailsWithMessage(string faasJson)
    {
        var app = $"cors-bad-{Math.Abs(faasJson.GetHashCode()) % 100000}";
        await (await server.Client.UploadAsync(app, Samples.ZipWith("node-sum", ("faas.json", faasJson))).Bounded()).ExpectAsync(HttpStatusCode.Created);

        using var deploy = await server.Client.DeployAsync(app).Bounded(HubApi.DeployTimeout);

        Assert.NotEqual(HttpStatusCode.OK, deploy.StatusCode);
        Assert.Contains("cors", await deploy.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
