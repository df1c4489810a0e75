using System.Net;
using System.Text;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Security;

/// <summary>Web pages cannot use the developer's browser against the server: cross-site admin requests and foreign Host names are refused.</summary>
public sealed class BrowserGuardTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await Client.SendAsync(request, Ct).Bounded();
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Upload_FromAnotherSite_Returns403AndStoresNothing(string header, string value)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/package/create", Samples.UploadForm("guard-upload", Samples.Zip("node-sum")), (header, value));

        Assert.Contains("Cross-site request refused", await response.ExpectAsync(HttpStatusCode.Forbidden));
        Assert.Null(await Client.InspectAppAsync("guard-upload"));
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "guard-upload")));
    }

    [Fact]
    public async Task Deploy_FromAnotherSiteWithTextBody_IsRefused()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/deploy/create",
            new StringContent("""{"suffix":"guard-any"}""", Encoding.UTF8, "text/plain"), ("Origin", "http://evil.example"));

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Upload_SameOriginAsSwaggerUi_IsAccepted()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/package/create", Samples.UploadForm("guard-same", Samples.Zip("node-sum")),
            ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin"));

        await response.ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("attacker.test:9000")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task AnyRoute_ForeignHostName_Returns400(string host)
    {
        foreach (var path in new[] { "/api/inspect", server.CallPath("guard-x", "sum"), "/api/readiness" })
        {
            var response = await SendAsync(HttpMethod.Get, path, null, ("Host", host));

            Assert.Contains("is not one of this server's", await response.ExpectAsync(HttpStatusCode.BadRequest));
        }
    }

    [Theory]
    [InlineData("localhost:9000")]
    [InlineData("127.0.0.1:9000")]
    [InlineData("[::1]:9000")]
    [InlineData("app.localhost")]
    public async Task Inspect_LoopbackHostNames_Answer(string host)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/inspect", null, ("Host", host));

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Call_FromAnotherSite_StaysOpen()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "guard-call");

        var response = await SendAsync(HttpMethod.Post, server.CallPath("guard-call", "sum"),
            new StringContent("[1,2]", Encoding.UTF8, "text/plain"), ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal("3", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Inspect_ConfiguredHostName_Answers()
    {
        await using var factory = new FaasAppFactory();
        factory.Settings["Faas:Security:AllowedHosts:0"] = "faas.example.test";
        using var client = await factory.CreateReadyClientAsync().WaitAsync(TimeSpan.FromSeconds(150), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/inspect");
        request.Headers.Host = "faas.example.test";

        var response = await client.SendAsync(request, Ct).Bounded();

        await response.ExpectAsync(HttpStatusCode.OK);
    }
}
