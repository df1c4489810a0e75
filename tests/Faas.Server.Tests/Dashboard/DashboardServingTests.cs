using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Dashboard;

/// <summary>How the server serves the dashboard's files (in memory: no browser needed).</summary>
public sealed class DashboardServingTests(FaasServerFixture fixture) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Root_Get_ServesThePageWithItsSecurityHeaders()
    {
        using var response = await Client.GetBoundedAsync("/");
        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/dashboard/app.js", body, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("app.js", "text/javascript")]
    [InlineData("app.css", "text/css")]
    [InlineData("editor.js", "text/javascript")]
    [InlineData("codemirror.min.js", "text/javascript")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task Asset_Get_ServesItAndAnswers304WhenUnchanged(string file, string type)
    {
        using var response = await Client.GetBoundedAsync($"/dashboard/{file}");
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/{file}");
        again.Headers.IfNoneMatch.Add(etag);
        using var cached = await Client.SendAsync(again, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
    }

    [Fact]
    public async Task Asset_GetAcceptingGzip_ServesTheSameBytesCompressed()
    {
        using var plain = await Client.GetBoundedAsync("/dashboard/codemirror.min.js");
        var bytes = await plain.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/codemirror.min.js");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip;q=0.9");

        using var compressed = await Client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
        var body = await compressed.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(body.Length < bytes.Length / 2, $"{body.Length} of {bytes.Length} bytes");
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await gzip.CopyToAsync(unzipped, TestContext.Current.CancellationToken);
        Assert.Equal(bytes, unzipped.ToArray());
    }

    [Theory]
    [InlineData("/dashboard/nothing.js")]
    [InlineData("/dashboard/..%2Fappsettings.json")]
    [InlineData("/dashboard")]
    [InlineData("/no/such/page")]
    public async Task UnknownPath_Get_KeepsTheHubsPlainText404(string path)
    {
        using var response = await Client.GetBoundedAsync(path);
        var body = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.StartsWith("Can't find /", body, StringComparison.Ordinal);
        Assert.EndsWith("on this server!", body, StringComparison.Ordinal);
    }
}
