using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>The Hub's account, billing, readiness, fallback and Swagger routes (no workers involved).</summary>
public sealed class HubStubEndpointsTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Readiness_AfterRestore_Returns200OkText()
    {
        var response = await Client.GetBoundedAsync("/api/readiness");

        Assert.Equal("OK", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/validate")]
    [InlineData("/api/account/deploy-enabled")]
    public async Task AccountCheck_Get_ReturnsSuccessTrueJson(string path)
    {
        var response = await Client.GetBoundedAsync(path);

        Assert.Equal("""{"status":"success","data":true}""", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RefreshToken_Get_ReturnsTextToken()
    {
        var response = await Client.GetBoundedAsync("/api/account/refresh-token");

        Assert.False(string.IsNullOrWhiteSpace(await response.ExpectAsync(HttpStatusCode.OK)));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/billing/list-subscriptions", """["Essential","Essential"]""")]
    [InlineData("POST", "/api/billing/list-subscriptions", """["Essential","Essential"]""")]
    [InlineData("GET", "/api/billing/list-subscriptions-deploys", "[]")]
    [InlineData("POST", "/api/billing/list-subscriptions-deploys", "[]")]
    public async Task Billing_GetOrPost_ReturnsPlans(string method, string path, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();

        Assert.Equal(expected, await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task UnknownRoute_AnyMethod_Returns404WithOriginalText(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/x/y?z=1");
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();

        Assert.Equal("Can't find /x/y?z=1 on this server!", await response.ExpectAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task SwaggerJson_Get_ListsTheHubRoutes()
    {
        var text = await (await Client.GetBoundedAsync("/swagger/v1/swagger.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = JsonDocument.Parse(text).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        string[] expected =
        [
            "/api/readiness", "/validate", "/api/account/deploy-enabled", "/api/billing/list-subscriptions",
            "/api/package/create", "/api/repository/branchlist", "/api/repository/filelist", "/api/repository/add",
            "/api/deploy/create", "/api/deploy/delete", "/api/deploy/logs", "/api/inspect",
            "/{prefix}/{suffix}/{version}/call/{func}", "/{prefix}/{suffix}/{version}/await/{func}",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
    }

    [Fact]
    public async Task SwaggerUi_Get_Returns200Html()
    {
        var response = await Client.GetBoundedAsync("/swagger/index.html");

        Assert.Contains("swagger", await response.ExpectAsync(HttpStatusCode.OK), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
