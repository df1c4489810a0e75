using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Apps;

/// <summary>The apps API: single-file apps from source text, their versions, activate, diff, lists and errors.</summary>
public sealed class AppApiTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private const string HelloV1 = "module.exports = {\n  handler: (ctx, event) => ({ body: 'hello ' + (event.query.name || 'world') }),\n};\n";
    private const string HelloV2 = "module.exports = {\n  handler: (ctx, event) => ({ body: 'bonjour ' + (event.query.name || 'monde') }),\n};\n";

    private HttpClient Client => server.Client;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status) =>
        JsonDocument.Parse(await response.ExpectAsync(status)).RootElement.Clone();

    private Task<HttpResponseMessage> CreateAsync(object body) => Client.PostAsJsonAsync("/api/apps", body, Ct).Bounded(HubApi.DeployTimeout);

    private Task<HttpResponseMessage> SaveAsync(string app, string code) =>
        Client.PutAsJsonAsync($"/api/apps/{app}/code", new { code }, Ct).Bounded(HubApi.DeployTimeout);

    private async Task<string> FnAsync(string path) => await (await Client.GetBoundedAsync(path)).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task Create_SingleFileNode_DeployedAsV1AndServed()
    {
        var created = await CreateAsync(new { name = "api-hello", language = "node", code = HelloV1 });

        var app = await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("/api/apps/api-hello", created.Headers.Location?.OriginalString);
        Assert.Equal(("ready", "v1", "Code", "handler"), (app.GetProperty("status").GetString(), app.GetProperty("activeVersion").GetString(),
            app.GetProperty("source").GetString(), app.GetProperty("handler").GetString()));
        var function = Assert.Single(app.GetProperty("functions").EnumerateArray());
        Assert.Equal(("handler", "node"), (function.GetProperty("name").GetString(), function.GetProperty("language").GetString()));
        Assert.Equal("hello Ada", await FnAsync("/fn/api-hello?name=Ada"));
        var version = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-hello/versions/v1"), HttpStatusCode.OK);
        Assert.Equal(HelloV1, version.GetProperty("code").GetString());
        Assert.Equal(["index.js", "metacall.json"], version.GetProperty("files").EnumerateArray().Select(f => f.GetString()!));
    }

    [Fact]
    public async Task Create_Python_FileNamedMainPy()
    {
        var created = await CreateAsync(new { name = "api-py", language = "py", code = "def handler(ctx, event):\n    return {'body': {'trigger': ctx['trigger']}}\n" });

        await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("""{"trigger":"http"}""", await FnAsync("/fn/api-py"));
        var version = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-py/versions/1"), HttpStatusCode.OK);
        Assert.Contains("main.py", version.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task SaveCode_NextVersion_ListedDiffedAndActivatable()
    {
        await JsonAsync(await CreateAsync(new { name = "api-versions", language = "node", code = HelloV1 }), HttpStatusCode.Created);

        var saved = await JsonAsync(await SaveAsync("api-versions", HelloV2), HttpStatusCode.OK);

        Assert.Equal(("v2", true), (saved.GetProperty("version").GetProperty("id").GetString(), saved.GetProperty("version").GetProperty("active").GetBoolean()));
        Assert.Equal(HelloV2, saved.GetProperty("code").GetString());
        Assert.Equal("bonjour monde", await FnAsync("/fn/api-versions"));
        var versions = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-versions/versions"), HttpStatusCode.OK);
        Assert.Equal(["v2", "v1"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
        Assert.Equal("""{"total":2,"limit":20,"offset":0}""", versions.GetProperty("pagination").GetRawText());
        var diff = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-versions/diff/v1/v2"), HttpStatusCode.OK);
        var file = Assert.Single(diff.GetProperty("files").EnumerateArray());
        Assert.Equal(("index.js", "modified", 1, 1), (file.GetProperty("path").GetString(), file.GetProperty("status").GetString(),
            file.GetProperty("added").GetInt32(), file.GetProperty("removed").GetInt32()));
        var changed = file.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("type").GetString() != "unchanged")
            .Select(l => (l.GetProperty("type").GetString(), l.GetProperty("oldLine").ValueKind == JsonValueKind.Null ? l.GetProperty("newLine").GetInt32() : l.GetProperty("oldLine").GetInt32(), l.GetProperty("content").GetString()!.Trim()))
            .ToList();
        Assert.Equal([("removed", 2, HelloV1.Split('\n')[1].Trim()), ("added", 2, HelloV2.Split('\n')[1].Trim())], changed);

        var activated = await JsonAsync(await Client.PostAsync("/api/apps/api-versions/versions/v1/activate", null, Ct).Bounded(), HttpStatusCode.OK);

        Assert.Equal(("v1", true), (activated.GetProperty("id").GetString(), activated.GetProperty("active").GetBoolean()));
        Assert.Equal("hello world", await FnAsync("/fn/api-versions"));
        var app = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-versions"), HttpStatusCode.OK);
        Assert.Equal("v1", app.GetProperty("activeVersion").GetString());
        Assert.Equal([false, true], app.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("active").GetBoolean()));
    }

    [Fact]
    public async Task Create_BadRequests_ClearErrors()
    {
        await JsonAsync(await CreateAsync(new { name = "api-taken", language = "node", code = HelloV1 }), HttpStatusCode.Created);

        Assert.Contains("already", (await JsonAsync(await CreateAsync(new { name = "api-taken", language = "node", code = HelloV1 }), HttpStatusCode.Conflict)).GetProperty("error").GetString());
        Assert.StartsWith("language:", (await JsonAsync(await CreateAsync(new { name = "api-x", language = "cobol", code = "x" }), HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.StartsWith("code:", (await JsonAsync(await CreateAsync(new { name = "api-x", language = "node", code = " " }), HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.StartsWith("name:", (await JsonAsync(await CreateAsync(new { language = "node", code = "x" }), HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        await JsonAsync(await CreateAsync(new { name = "../etc", language = "node", code = "x" }), HttpStatusCode.BadRequest);
        using var broken = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        await JsonAsync(await Client.PostAsync("/api/apps", broken, Ct).Bounded(), HttpStatusCode.BadRequest);
        Assert.Contains("SyntaxError", (await JsonAsync(await SaveAsync("api-taken", "module.exports = {"), HttpStatusCode.UnprocessableEntity)).GetProperty("error").GetString());
        Assert.Equal("hello world", await FnAsync("/fn/api-taken"));
    }

    [Fact]
    public async Task Routes_UnknownAppOrVersion_404AndBadVersion_400()
    {
        await Client.DeployZipAsync("api-archive", TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = require('./lib.js');"),
            ("lib.js", "module.exports = { sum: (a, b) => a + b };")));

        Assert.Contains("single-file", (await JsonAsync(await SaveAsync("api-archive", "x"), HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        await JsonAsync(await SaveAsync("api-none", "x"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-none"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-none/versions"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-archive/versions/v9"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-archive/versions/abc"), HttpStatusCode.BadRequest);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-archive/diff/v1/v9"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.PostAsync("/api/apps/api-archive/versions/v7/activate", null, Ct).Bounded(), HttpStatusCode.NotFound);
        var version = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-archive/versions/v1"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, version.GetProperty("code").ValueKind);
    }

    [Fact]
    public async Task GetFile_ListedSourceFile_ItsTextElse404()
    {
        await Client.DeployZipAsync("api-files", TestZip.Create(
            ("metacall.json", """{"language_id":"node","path":".","scripts":["index.js"]}"""),
            ("index.js", "module.exports = require('./lib/sum.js');"),
            ("lib/sum.js", "module.exports = { sum: (a, b) => a + b };\n")));

        var file = await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-files/versions/v1/files/lib/sum.js"), HttpStatusCode.OK);

        Assert.Equal(("lib/sum.js", false, "module.exports = { sum: (a, b) => a + b };\n", 43L), (file.GetProperty("path").GetString(),
            file.GetProperty("binary").GetBoolean(), file.GetProperty("content").GetString(), file.GetProperty("size").GetInt64()));
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-files/versions/v1/files/lib/none.js"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-files/versions/v1/files/lib/..%2F..%2Fmetacall.json"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-files/versions/v1/files/..%2F..%2F..%2Fetc%2Fpasswd"), HttpStatusCode.NotFound);
        await JsonAsync(await Client.GetBoundedAsync("/api/apps/api-files/versions/v2/files/index.js"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListApps_Pages_ByNameWithTotal()
    {
        await Client.DeploySampleBoundedAsync("node-sum", "api-list-a");
        await Client.DeploySampleBoundedAsync("node-sum", "api-list-b");

        var all = await JsonAsync(await Client.GetBoundedAsync("/api/apps?limit=100"), HttpStatusCode.OK);
        var one = await JsonAsync(await Client.GetBoundedAsync("/api/apps?limit=1&offset=1"), HttpStatusCode.OK);

        var names = all.GetProperty("apps").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("api-list-a", names);
        Assert.Equal(names.Count, all.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal(names[1], Assert.Single(one.GetProperty("apps").EnumerateArray()).GetProperty("name").GetString());
        await JsonAsync(await Client.GetBoundedAsync("/api/apps?offset=x"), HttpStatusCode.BadRequest);
    }
}
