using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>An app's faas.json CORS applies to its HTTP functions, whose preflights allow every method /fn serves.</summary>
public sealed class HttpFunctionCorsTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private const string Page = "https://example.com";

    [Fact]
    public async Task Fn_AppAllowsAnOrigin_PreflightAllowsItsMethodsAndAnswersCarryTheOrigin()
    {
        await server.Client.DeployZipAsync("fncors-on", Samples.ZipWith("http-handler/node", ("faas.json", """{"cors": {"origins": ["https://example.com"]}}""")));

        using var preflight = await server.Client.SendAsync(HttpMethod.Options, "/fn/fncors-on/text", null,
            ("Origin", Page), ("Access-Control-Request-Method", "DELETE"));
        using var call = await server.Client.SendAsync(HttpMethod.Get, "/fn/fncors-on/text", null, ("Origin", Page));
        using var other = await server.Client.SendAsync(HttpMethod.Options, "/fn/fncors-on/text", null,
            ("Origin", "https://evil.example"), ("Access-Control-Request-Method", "GET"));

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Contains("DELETE", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal(Page, call.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("hello world", await call.ExpectAsync(HttpStatusCode.OK));
        await other.ExpectAsync(HttpStatusCode.Forbidden);
    }
}
