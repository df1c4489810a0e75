using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Errors;

/// <summary>
/// The API's error paths, one request each: unknown routes, wrong methods, bad JSON, unknown apps,
/// functions and versions, too-large and malformed bodies. Every one answers a 4xx with a content type
/// and a body that says what went wrong: text on <c>/api/*</c>, <c>{"error":...}</c> on call, static and
/// <c>/api/apps</c> routes.
/// </summary>
public sealed class ErrorBodiesTests(ErrorBodiesTests.Fixture server) : IClassFixture<ErrorBodiesTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            Factory.Settings["Faas:Storage:MaxPackageBytes"] = "65536";
            Factory.Settings["Faas:MaxCallBodyBytes"] = "64";
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("node-sum", "errs");
        }
    }

    /// <summary>(name, method, path or {call} for the app's call prefix, body kind, expected status or 0 for any 4xx).</summary>
    public static TheoryData<string, string, string, string, int> Requests => new()
    {
        { "unknown route", "GET", "/no/such/route", "none", 404 },
        { "unknown api route", "GET", "/api/no-such", "none", 404 },
        { "POST on a GET route", "POST", "/api/inspect", "json:{}", 405 },
        { "GET on an upload route", "GET", "/api/package/create", "none", 405 },
        { "PUT on a POST route", "PUT", "/api/deploy/create", "json:{}", 405 },
        { "DELETE on a call route", "DELETE", "{call}/sum", "none", 405 },
        { "deploy: bad JSON", "POST", "/api/deploy/create", "json:{not json", 400 },
        { "deploy: unknown app", "POST", "/api/deploy/create", "json:{\"suffix\":\"nope\"}", 0 },
        { "delete: unknown app", "POST", "/api/deploy/delete", "json:{\"suffix\":\"nope\",\"prefix\":\"x\",\"version\":\"v1\"}", 0 },
        { "rollback: unknown version", "POST", "/api/deploy/rollback", "json:{\"suffix\":\"errs\",\"version\":\"v9\"}", 404 },
        { "logs: unknown app", "POST", "/api/deploy/logs", "json:{\"suffix\":\"nope\"}", 0 },
        { "log stream: unknown app", "GET", "/api/logs/nope/stream", "none", 404 },
        { "repository: bad JSON", "POST", "/api/repository/add", "json:{\"url\":", 400 },
        { "repository: text body", "POST", "/api/repository/add", "text:url=x", 415 },
        { "upload: JSON instead of a form", "POST", "/api/package/create", "json:{\"id\":\"x\"}", 400 },
        { "upload: form without boundary", "POST", "/api/package/create", "multipart-no-boundary", 400 },
        { "upload: truncated form", "POST", "/api/package/create", "multipart-truncated", 400 },
        { "upload: empty file part", "POST", "/api/package/create", "multipart-empty-file", 400 },
        { "upload: too large", "POST", "/api/package/create", "multipart-large", 413 },
        { "new version: not a zip", "PUT", "/api/apps/errs", "zip-bytes", 400 },
        { "new version: no content type", "PUT", "/api/apps/errs", "bytes", 400 },
        { "call: unknown function", "POST", "{call}/nope", "json:[]", 404 },
        { "call: bad JSON", "POST", "{call}/sum", "json:[1,", 400 },
        { "call: body over the limit", "POST", "{call}/sum", "json:[\"" + new string('x', 200) + "\"]", 413 },
        { "call: unknown version", "POST", "{call9}/sum", "json:[1,2]", 404 },
        { "call: unknown app", "POST", "{callnope}/sum", "json:[1,2]", 404 },
        { "static: traversal", "GET", "{static}/..%2F..%2F..%2Fetc%2Fpasswd", "none", 0 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Request_ErrorPath_AnswersWithABody(string name, string method, string path, string body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Resolve(path)) { Content = Body(body) };

        var response = await server.Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();
        var text = await response.TextAsync();

        var code = (int)response.StatusCode;
        Assert.True(status == 0 ? code is >= 400 and < 500 : code == status, $"{name}: expected {status}, got {code} {text}");
        Assert.False(string.IsNullOrWhiteSpace(text), $"{name}: {code} with an empty body");
        var type = response.Content.Headers.ContentType?.MediaType;
        Assert.NotNull(type);
        if (code == 405)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
        }
        if (path.StartsWith("{call}", StringComparison.Ordinal) || path.StartsWith("{call9}", StringComparison.Ordinal)
            || path.StartsWith("{static}", StringComparison.Ordinal) || path.StartsWith("/api/apps/", StringComparison.Ordinal))
        {
            Assert.Equal("application/json", type);
            using var json = JsonDocument.Parse(text);
            Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("error").GetString()), text);
        }
        else if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("text/plain", type);
        }
    }

    private string Resolve(string path) => path
        .Replace("{call}", $"/{server.Factory.Prefix}/errs/v1/call", StringComparison.Ordinal)
        .Replace("{call9}", $"/{server.Factory.Prefix}/errs/v9/call", StringComparison.Ordinal)
        .Replace("{callnope}", $"/{server.Factory.Prefix}/nope/v1/call", StringComparison.Ordinal)
        .Replace("{static}", $"/{server.Factory.Prefix}/errs/v1/static", StringComparison.Ordinal);

    private static HttpContent? Body(string kind)
    {
        if (kind.StartsWith("json:", StringComparison.Ordinal))
        {
            return new StringContent(kind["json:".Length..], Encoding.UTF8, "application/json");
        }
        if (kind.StartsWith("text:", StringComparison.Ordinal))
        {
            return new StringContent(kind["text:".Length..], Encoding.UTF8, "text/plain");
        }
        switch (kind)
        {
            case "bytes":
                return new ByteArrayContent("not a zip at all"u8.ToArray());
            case "zip-bytes":
                var zip = new ByteArrayContent("not a zip at all"u8.ToArray());
                zip.Headers.ContentType = MediaTypeHeaderValue.Parse("application/zip");
                return zip;
            case "multipart-no-boundary":
                var bare = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\na\r\n--x--\r\n"u8.ToArray());
                bare.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return bare;
            case "multipart-truncated":
                var cut = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"a.zip\"\r\n\r\nPK\u0003\u0004abc"u8.ToArray());
                cut.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
                return cut;
            case "multipart-empty-file":
                return Samples.UploadForm("errs-empty", []);
            case "multipart-large":
                return Samples.UploadForm("errs-large", new byte[100 * 1024]);
            default:
                return null;
        }
    }
}
