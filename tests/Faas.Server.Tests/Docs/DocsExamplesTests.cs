using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Docs;

/// <summary>
/// The examples of docs/http-functions.md and docs/services.md, copied from the pages as they are,
/// deployed as single-file apps (<c>POST /api/apps</c>) and run (the Lua ones are the samples
/// LuaExamplesTests runs; <c>LuaExamplesTests.Docs_ShowTheSamplesAsTheyAre</c> holds the page to them).
/// </summary>
public sealed class DocsExamplesTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task CreateAsync(string app, string language, string code) =>
        await (await Client.PostAsJsonAsync("/api/apps", new { name = app, language, code }, Ct).Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.Created);

    [Theory]
    [InlineData("js", "node", "visit")]
    [InlineData("python", "py", "visit")]
    [InlineData("ruby", "rb", "visit")]
    [InlineData("csharp", "cs", "Visit")]
    public async Task Services_VisitExample_CountsInKvAndReadsEnv(string tag, string language, string function)
    {
        var app = $"docs-visit-{language}";
        await CreateAsync(app, language, DocBlocks.Single("services.md", tag));
        using var env = new StringContent("""{"GREETING":"hello from env"}""", Encoding.UTF8, "application/json");
        await (await Client.PutAsync($"/api/apps/{app}/env", env, Ct).Bounded()).ExpectAsync(HttpStatusCode.OK);

        var first = await Client.CallOkAsync(server.CallPath(app, function), """["home"]""");
        var second = await Client.CallOkAsync(server.CallPath(app, function), """["home"]""");

        Assert.Equal("""{"page":"home","count":1,"greeting":"hello from env"}""", Normalized(first));
        Assert.Equal("""{"page":"home","count":2,"greeting":"hello from env"}""", Normalized(second));
        Assert.Equal("2", await (await Client.GetBoundedAsync($"/api/apps/{app}/kv/visits:home")).ExpectAsync(HttpStatusCode.OK));
    }

    [Fact]
    public async Task HttpFunctions_HandlerExample_AnswersItsRoutes()
    {
        await CreateAsync("docs-handler", "node", DocBlocks.Single("http-functions.md", "js"));

        var text = await Client.GetBoundedAsync("/fn/docs-handler/text?name=Ada");
        var html = await Client.GetBoundedAsync("/fn/docs-handler/html");
        var binary = await Client.GetBoundedAsync("/fn/docs-handler/binary");
        var status = await Client.GetBoundedAsync("/fn/docs-handler/status");
        var thrown = await Client.GetBoundedAsync("/fn/docs-handler/throw");
        var missing = await Client.GetBoundedAsync("/fn/docs-handler/nowhere");

        Assert.Equal("hello Ada", await text.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/plain; charset=utf-8", text.Content.Headers.ContentType?.ToString());
        Assert.Equal("<b>hi</b>", await html.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("text/html", html.Content.Headers.ContentType?.ToString());
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, await binary.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("teapot", await status.ExpectAsync((HttpStatusCode)418));
        Assert.DoesNotContain("exploded", await thrown.ExpectAsync(HttpStatusCode.InternalServerError));
        Assert.Contains("no route /nowhere", await missing.ExpectAsync(HttpStatusCode.NotFound));
    }

    /// <summary>The same object whatever the language's key order and spacing.</summary>
    private static string Normalized(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return JsonSerializer.Serialize(new { page = root.GetProperty("page").GetString(), count = root.GetProperty("count").GetInt32(), greeting = root.GetProperty("greeting").GetString() });
    }
}
