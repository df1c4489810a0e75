using System.Net;
using Faas.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Faas.Server.Tests.Endpoints;

/// <summary><c>GET /&lt;prefix&gt;/&lt;app&gt;/v1/static/&lt;path&gt;</c>: only what a <c>file</c> metacall json lists.</summary>
public sealed class StaticFileTests(StaticFileTests.Fixture server) : IClassFixture<StaticFileTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeployZipAsync("static-site", TestZip.Create(
                ("metacall-file.json", """{"language_id":"file","path":".","scripts":["public"]}"""),
                ("public/index.html", "<html><body>static</body></html>"),
                ("public/app.css", "body { color: red; }"),
                ("public/sub/data.json", """{"a":1}"""),
                ("secret.txt", "not listed")));
        }
    }

    private HttpClient Client => server.Client;

    private string StaticPath(string path) => $"/{server.Factory.Prefix}/static-site/v1/static/{path}";

    [Fact]
    public async Task Static_ListedHtml_Returns200TextHtml()
    {
        var response = await Client.GetBoundedAsync(StaticPath("public/index.html"));

        Assert.Equal("<html><body>static</body></html>", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Static_ListedCss_Returns200TextCss()
    {
        var response = await Client.GetBoundedAsync(StaticPath("public/app.css"));

        Assert.Equal("body { color: red; }", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Static_FileInListedSubfolder_Returns200()
    {
        var response = await Client.GetBoundedAsync(StaticPath("public/sub/data.json"));

        Assert.Equal("""{"a":1}""", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Static_Inspect_ListsTheFilePackage()
    {
        var deployment = (await Client.InspectAppAsync("static-site"))!.Value;

        var handle = Assert.Single(deployment.GetProperty("packages").GetProperty("file").EnumerateArray());
        Assert.Equal("public", handle.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("metacall-file.json")]
    [InlineData("secret.txt")]
    [InlineData("public/missing.html")]
    [InlineData("public")]
    public async Task Static_FileNotListed_Returns404(string path)
    {
        var response = await Client.GetBoundedAsync(StaticPath(path));

        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("../..")]
    [InlineData("public/../secret.txt")]
    [InlineData("public/../../../state/static-site/deployment.json")]
    [InlineData("%2e%2e/%2e%2e/%2e%2e/state/static-site/deployment.json")]
    [InlineData("public/%2e%2e/secret.txt")]
    [InlineData("public/%2E%2E%2Fsecret.txt")]
    [InlineData("public%2F..%2F..%2Fmetacall-file.json")]
    public async Task Static_PathLeavingTheListedFolder_Returns404(string rawPath)
    {
        // Sent as raw paths (an HttpClient would remove the dot segments before sending).
        foreach (var path in new[] { PathString.FromUriComponent(StaticPath(rawPath)), new PathString(StaticPath(rawPath)) })
        {
            var context = await server.Factory.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = path;
            }, TestContext.Current.CancellationToken).Bounded();

            Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
        }
    }

    [Fact]
    public async Task Static_UnknownApp_Returns404()
    {
        var response = await Client.GetBoundedAsync($"/{server.Factory.Prefix}/static-missing/v1/static/public/index.html");

        await response.ExpectAsync(HttpStatusCode.NotFound);
    }
}
