using System.Net;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>How a call's body becomes arguments (docs: hub-api.md "Calls"), proven with a real Node.js worker.</summary>
public sealed class CallArgumentsTests(CallArgumentsTests.Fixture server) : IClassFixture<CallArgumentsTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            await Client.DeploySampleBoundedAsync("node-sum", "args-sum");
            await Client.DeployZipAsync("args-probe", TestZip.NodeApp("""
                function all(...rest) { return rest; }
                function pair(a, b) { return [a, b]; }
                function count() { return arguments.length; }
                module.exports = { all, pair, count };
                """));
        }
    }

    private HttpClient Client => server.Client;

    private string Sum => server.CallPath("args-sum", "sum");

    private string Probe(string function) => server.CallPath("args-probe", function);

    [Fact]
    public async Task Call_JsonArray_IsPositional()
    {
        Assert.Equal("3", await Client.CallOkAsync(Sum, "[1,2]"));
        Assert.Equal("""["x",2,null]""", await Client.CallOkAsync(Probe("all"), """["x",2,null]"""));
    }

    [Fact]
    public async Task Call_ObjectOfParameterNames_BindsByName()
    {
        Assert.Equal("6", await Client.CallOkAsync(Sum, """{"b":5,"a":1}"""));
        Assert.Equal("\"xy\"", await Client.CallOkAsync(Sum, """{"b":"y","a":"x"}"""));
        Assert.Equal("[1,5]", await Client.CallOkAsync(Probe("pair"), """{"b":5,"a":1}"""));
    }

    [Fact]
    public async Task Call_ObjectWithOnlySomeParameterNames_LeavesTheOthersUndefined()
    {
        Assert.Equal("[null,5]", await Client.CallOkAsync(Probe("pair"), """{"b":5}"""));
    }

    [Fact]
    public async Task Call_ObjectWithOtherKeys_IsPositionalInJavaScriptKeyOrder()
    {
        Assert.Equal("""["b","c","a"]""", await Client.CallOkAsync(Probe("all"), """{"2":"c","1":"b","x":"a"}"""));
        Assert.Equal("\"bc\"", await Client.CallOkAsync(Sum, """{"2":"c","1":"b","x":"a"}"""));
    }

    [Fact]
    public async Task Call_UrlEncodedBody_GivesStrings()
    {
        var response = await Client.PostRawAsync(Sum, "a=1&b=2", "application/x-www-form-urlencoded");

        Assert.Equal("\"12\"", await response.ExpectAsync(HttpStatusCode.OK));
        var pair = await Client.PostRawAsync(Probe("pair"), "b=x+y&a=%C3%A9", "application/x-www-form-urlencoded");
        Assert.Equal("""["é","x y"]""", await pair.ExpectAsync(HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("[1,2]", "3")]
    [InlineData("""{"a":1,"b":2}""", "3")]
    public async Task Call_JsonSentAsUrlEncoded_IsTreatedAsJson(string body, string expected)
    {
        // curl -d '[1,2]' sends application/x-www-form-urlencoded.
        var response = await Client.PostRawAsync(Sum, body, "application/x-www-form-urlencoded");

        Assert.Equal(expected, await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_GetWithoutBody_PassesNoArguments()
    {
        var response = await Client.GetBoundedAsync(Probe("count"));

        Assert.Equal("0", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Call_PostWithoutBody_PassesNoArguments()
    {
        Assert.Equal("0", await Client.CallOkAsync(Probe("count"), null));
        Assert.Equal("[]", await Client.CallOkAsync(Probe("all"), null));
    }

    [Fact]
    public async Task Call_LoneJsonValue_IsTheOneArgument()
    {
        Assert.Equal("[7]", await Client.CallOkAsync(Probe("all"), "7"));
    }

    [Theory]
    [InlineData("[1,")]
    [InlineData("{\"a\":")]
    [InlineData("not json")]
    public async Task Call_InvalidJsonBody_Returns400WithErrorBody(string body)
    {
        var response = await Client.CallBoundedAsync(Sum, body);

        var text = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("{\"error\":\"", text, StringComparison.Ordinal);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
