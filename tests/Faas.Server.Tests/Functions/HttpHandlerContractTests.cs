using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Faas.Core.Functions;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Functions;

/// <summary>
/// The HTTP-handler contract, run against every language's sample (<c>samples/http-handler/&lt;lang&gt;</c>):
/// status, headers, JSON/text/base64 bodies, errors, query and headers in, execution id out.
/// </summary>
public sealed class HttpHandlerContractTests(HttpFunctionFixture server) : IClassFixture<HttpFunctionFixture>
{
    private HttpClient Client => server.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return await Client.SendAsync(request, Ct).Bounded();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Json_QueryAndHeadersIn_StatusHeadersBodyAndContextOut(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/json?name=Ada&tag=a&tag=b", null, ("X-Test", "t1"));

        var text = await response.TextAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{language}: {(int)response.StatusCode} {text}");
        Assert.Equal("yes", Header(response, "X-Custom"));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var executionId = Header(response, "X-Execution-Id");
        Assert.Matches("^ex_[0-9a-f]{22}$", executionId);
        Assert.Equal("v1", Header(response, "X-Function-Version"));
        Assert.True(double.TryParse(Header(response, "X-Execution-Duration-Ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal($"/fn/{app}/json", root.GetProperty("path").GetString());
        Assert.Equal("/json", root.GetProperty("relativePath").GetString());
        Assert.Equal("Ada", root.GetProperty("name").GetString());
        Assert.Equal(["a", "b"], root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal("t1", root.GetProperty("header").GetString());
        Assert.Equal(executionId, root.GetProperty("executionId").GetString());
        Assert.Equal(app, root.GetProperty("functionId").GetString());
        Assert.Equal("handler", root.GetProperty("functionName").GetString());
        Assert.Equal("v1", root.GetProperty("version").GetString());
        Assert.Equal("http", root.GetProperty("trigger").GetString());
        Assert.InRange(root.GetProperty("startedAt").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.StartsWith("http://", root.GetProperty("baseUrl").GetString());
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Text_StringBody_SentAsPlainTextUtf8(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/text?name=W%C3%B6rld");

        Assert.Equal("hello Wörld", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Html_HandlerContentType_Kept(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/html");

        Assert.Equal("<b>hi</b>", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Binary_Base64Body_SentDecoded(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/binary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Echo_TextAndBinaryBodies_ReachTheHandler(string language)
    {
        var app = await server.AppAsync(language);

        var text = await SendAsync(HttpMethod.Put, $"/fn/{app}/echo", new StringContent("héllo {\"a\":1}", Encoding.UTF8, "text/plain"));
        var binary = new ByteArrayContent([0xff, 0x00, 0xfe]);
        binary.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var bytes = await SendAsync(HttpMethod.Post, $"/fn/{app}/echo", binary);

        using var first = JsonDocument.Parse(await text.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("PUT", first.RootElement.GetProperty("method").GetString());
        Assert.Equal("héllo {\"a\":1}", first.RootElement.GetProperty("body").GetString());
        Assert.False(first.RootElement.GetProperty("isBase64Encoded").GetBoolean());
        using var second = JsonDocument.Parse(await bytes.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal(Convert.ToBase64String([0xff, 0x00, 0xfe]), second.RootElement.GetProperty("body").GetString());
        Assert.True(second.RootElement.GetProperty("isBase64Encoded").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Status_HandlerStatus_Kept(string language)
    {
        var app = await server.AppAsync(language);

        var teapot = await SendAsync(HttpMethod.Delete, $"/fn/{app}/status");
        var missing = await SendAsync(HttpMethod.Get, $"/fn/{app}/nowhere");

        Assert.Equal("teapot", await teapot.ExpectAsync((HttpStatusCode)418));
        Assert.Contains("no route /nowhere", await missing.ExpectAsync(HttpStatusCode.NotFound));
        Assert.Matches("^ex_", Header(missing, "X-Execution-Id"));
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Throw_HandlerError_500WithoutDetailAndDetailRecorded(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/throw");

        var text = await response.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.Equal(HttpFunctionInvoker.FailedMessage, body.RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("exploded", text);
        var record = await ExecutionAsync(Header(response, "X-Execution-Id"));
        Assert.Equal("error", record.GetProperty("status").GetString());
        Assert.Equal(500, record.GetProperty("httpStatus").GetInt32());
        Assert.Contains("handler exploded", record.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("node", "handler.js")]
    [InlineData("py", "main.py")]
    [InlineData("rb", "main.rb")]
    [InlineData("ts", "handler.ts")]
    [InlineData("cs", "Handler.cs")]
    [InlineData("lua", "handler.lua")]
    public async Task Throw_WorkerSendsStack_RecordShowsFileLineAndSource(string language, string file)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/throw");

        await response.ExpectAsync(HttpStatusCode.InternalServerError);
        var error = (await ExecutionAsync(Header(response, "X-Execution-Id"))).GetProperty("error").GetString()!;
        Assert.Matches($@"\n  at {file.Replace(".", "\\.", StringComparison.Ordinal)}:\d+\n", error);
        Assert.Matches(@"\n>\s+\d+ \| .*handler exploded", error);
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Log_FaasLogAndPrintedLine_BothInTheExecution(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/log");

        Assert.Equal("logged", await response.ExpectAsync(HttpStatusCode.OK));
        // Printed output is relayed from the worker's stderr asynchronously: once the app's log has it, so has the execution.
        await Client.WaitForLogAsync(app, "handler printed");
        var detail = await ExecutionDetailAsync(Header(response, "X-Execution-Id"));
        var lines = detail.GetProperty("logs").EnumerateArray().Select(l => (l.GetProperty("level").GetString(), l.GetProperty("message").GetString())).ToList();
        Assert.Contains(("info", "handler logged"), lines);
        Assert.Contains(("output", "handler printed"), lines);
        Assert.Equal("success", detail.GetProperty("execution").GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(HttpHandlerLanguages.All), MemberType = typeof(HttpHandlerLanguages))]
    public async Task Bad_NotAResponse_500AndRecorded(string language)
    {
        var app = await server.AppAsync(language);

        var response = await SendAsync(HttpMethod.Get, $"/fn/{app}/bad");

        await response.ExpectAsync(HttpStatusCode.InternalServerError);
        var record = await ExecutionAsync(Header(response, "X-Execution-Id"));
        Assert.Equal("error", record.GetProperty("status").GetString());
        Assert.StartsWith("Bad return value", record.GetProperty("error").GetString());
    }

    private async Task<JsonElement> ExecutionAsync(string id) => (await ExecutionDetailAsync(id)).GetProperty("execution");

    private async Task<JsonElement> ExecutionDetailAsync(string id)
    {
        var response = await Client.GetBoundedAsync($"/api/executions/{id}");
        using var document = JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK));
        return document.RootElement.Clone();
    }
}
