using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>What a call answers with a real Node.js worker: results, errors, unknown apps and functions, async functions.</summary>
public sealed class CallResultsTests(CallResultsTests.Fixture server) : IClassFixture<CallResultsTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("node-sum", "res-node");
            await Client.DeploySampleBoundedAsync("node-esm", "res-esm");
        }
    }

    private const string NotDeployed =
        "Oops! It looks like the application '{0}' has not been deployed yet. Please deploy it before you can call its functions.";

    private HttpClient Client => server.Client;

    private string Node(string function) => server.CallPath("res-node", function);

    [Fact]
    public async Task Call_StringWithHtml_IsReturnedUnescaped()
    {
        var response = await Client.CallBoundedAsync(Node("page"), null);

        Assert.Equal("\"<html><body>hi</body></html>\"", await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Call_ObjectResult_IsCompactJsonByteForByte()
    {
        var text = await Client.CallOkAsync(Node("echo"), """[ { "a" : [1, 2.5, "é\u00e9<&>"], "b" : { } } ]""");

        Assert.Equal("""{"a":[1,2.5,"éé<&>"],"b":{}}""", text);
    }

    [Fact]
    public async Task Call_FunctionReturnsUndefined_ReturnsEmpty200()
    {
        var response = await Client.CallBoundedAsync(Node("nothing"), null);

        Assert.Equal("", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_FunctionThrows_Returns500WithErrorBody()
    {
        var response = await Client.CallBoundedAsync(Node("fail"), """["boom"]""");

        Assert.Equal("""{"error":"boom"}""", await response.ExpectAsync(HttpStatusCode.InternalServerError));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3", await Client.CallOkAsync(Node("sum"), "[1,2]"));
    }

    [Fact]
    public async Task Call_UnknownFunction_Returns404WithErrorBody()
    {
        var response = await Client.CallBoundedAsync(Node("nope"), "[]");

        Assert.StartsWith("{\"error\":\"", await response.ExpectAsync(HttpStatusCode.NotFound), StringComparison.Ordinal);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    public async Task Call_UnknownApp_Returns404WithOriginalText(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), server.CallPath("res-missing", "sum"));
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken).Bounded();

        Assert.Equal(string.Format(NotDeployed, "res-missing"), await response.ExpectAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Call_WrongPrefix_Returns404WithOriginalText()
    {
        var response = await Client.CallBoundedAsync("/not-this-host/res-node/v1/call/sum", "[1,2]");

        Assert.Equal(string.Format(NotDeployed, "res-node"), await response.ExpectAsync(HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Call_PrefixInOtherCase_IsAccepted()
    {
        var path = $"/{server.Factory.Prefix.ToUpperInvariant()}/res-node/v1/call/sum";

        Assert.Equal("3", await Client.CallOkAsync(path, "[1,2]"));
    }

    [Fact]
    public async Task Call_AsyncFunction_IsAwaited()
    {
        Assert.Equal("\"later\"", await Client.CallOkAsync(Node("delayedEcho"), """["later", 5]"""));
        Assert.Equal("21", await Client.CallOkAsync(server.CallPath("res-esm", "later"), "[21]"));
    }

    [Fact]
    public async Task Await_AsyncFunction_ReturnsItsResult()
    {
        var path = $"/{server.Factory.Prefix}/res-node/v1/await/delayedEcho";

        Assert.Equal("""{"v":1}""", await Client.CallOkAsync(path, """[{"v":1}, 5]"""));
        Assert.Equal("8", await Client.CallOkAsync($"/{server.Factory.Prefix}/res-esm/v1/await/double", "[4]"));
    }

    [Fact]
    public async Task Call_FunctionPrintsToConsole_ResultIntactAndTextInLogs()
    {
        var marker = $"m{Guid.NewGuid():N}";

        Assert.Equal($"\"{marker}\"", await Client.CallOkAsync(Node("noisy"), $"[\"{marker}\"]"));

        await Client.WaitForLogAsync("res-node", $"noisy called with {marker}");
        Assert.Equal("3", await Client.CallOkAsync(Node("sum"), "[1,2]"));
    }

    [Fact]
    public async Task Call_FiftyConcurrentCalls_AllGetTheirOwnResult()
    {
        var calls = Enumerable.Range(0, 50)
            .Select(i => Client.CallOkAsync(Node(i % 2 == 0 ? "delayedEcho" : "sum"), i % 2 == 0 ? $"[{i}, 20]" : $"[{i}, 1000]"))
            .ToList();

        var results = await Task.WhenAll(calls).Bounded();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? i : i + 1000).ToString()), results);
    }
}
