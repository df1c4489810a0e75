using System.Net;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary><c>POST /api/deploy/create</c>: the reply, bad requests, scripts that do not load, env vars.</summary>
public sealed class DeployEndpointsTests(FaasServerFixture server) : IClassFixture<FaasServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task Deploy_UploadedApp_ReturnsPrefixSuffixVersion()
    {
        await (await Client.UploadAsync("dep-ok", Samples.Zip("node-sum")).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var response = await Client.DeployAsync("dep-ok").Bounded(HubApi.DeployTimeout);

        var expected = JsonSerializer.Serialize(new { prefix = server.Factory.Prefix, suffix = "dep-ok", version = "v1" });
        Assert.Equal(expected, await response.ExpectAsync(HttpStatusCode.OK));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3", await Client.CallOkAsync(server.CallPath("dep-ok", "sum"), "[1,2]"));
    }

    [Theory]
    [InlineData("dep-never-uploaded")]
    [InlineData("../etc")]
    public async Task Deploy_UnknownSuffix_Returns400InvalidDeploymentId(string suffix)
    {
        var response = await Client.DeployAsync(suffix).Bounded();

        Assert.Equal($"Invalid deployment id: {suffix}", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("not json", "application/json")]
    [InlineData("{\"suffix\":", "application/json")]
    public async Task Deploy_NonJsonBody_Returns400(string body, string contentType)
    {
        var response = await Client.PostRawAsync("/api/deploy/create", body, contentType);

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }

    // Types a browser sends cross-site without a preflight: a page could deploy through them.
    [Theory]
    [InlineData("suffix=dep-ok", "application/x-www-form-urlencoded")]
    [InlineData("""{"suffix":"dep-ok"}""", "application/x-www-form-urlencoded")]
    [InlineData("""{"suffix":"dep-ok"}""", "text/plain")]
    [InlineData("", "text/plain")]
    public async Task Deploy_BodyTypeBrowsersSendWithoutPreflight_Returns415(string body, string contentType)
    {
        var response = await Client.PostRawAsync("/api/deploy/create", body, contentType);

        Assert.Contains("Content-Type: application/json", await response.ExpectAsync(HttpStatusCode.UnsupportedMediaType));
    }

    [Theory]
    [InlineData("node", "index.js", "module.exports = { broken: ( };")]
    [InlineData("py", "main.py", "def broken(:\n    return 1\n")]
    public async Task Deploy_ScriptWithSyntaxError_FailsNamingTheScript(string language, string script, string source)
    {
        var app = $"dep-syntax-{language}";
        var zip = TestZip.Create(("metacall.json", $$"""{"language_id":"{{language}}","path":".","scripts":["{{script}}"]}"""), (script, source));
        await (await Client.UploadAsync(app, zip).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var response = await Client.DeployAsync(app).Bounded(HubApi.DeployTimeout);

        Assert.InRange((int)response.StatusCode, 400, 499);
        var message = await response.TextAsync();
        Assert.Contains(script, message, StringComparison.Ordinal);
        Assert.Contains("SyntaxError", message, StringComparison.Ordinal);
        var deployment = (await Client.InspectAppAsync(app))!.Value;
        Assert.Equal("fail", deployment.GetProperty("status").GetString());
        var logs = await Client.LogsAsync(app);
        Assert.Contains(script, logs, StringComparison.Ordinal);
        Assert.Contains("SyntaxError", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ManifestNamingMissingScript_FailsNamingTheScript()
    {
        var zip = TestZip.Create(("metacall.json", """{"language_id":"node","path":".","scripts":["missing.js"]}"""));
        await (await Client.UploadAsync("dep-missing", zip).Bounded()).ExpectAsync(HttpStatusCode.Created);

        var response = await Client.DeployAsync("dep-missing").Bounded(HubApi.DeployTimeout);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("missing.js", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal("fail", (await Client.InspectAppAsync("dep-missing"))!.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deploy_NodeEnv_ReachesTheFunction()
    {
        var env = new[] { new { name = "GREETING", value = "hola" }, new { name = "SECRET", value = "s3 cr=t" } };

        await Client.DeploySampleBoundedAsync("node-env", "dep-node-env", env);

        Assert.Equal("\"hola, world\"", await Client.CallOkAsync(server.CallPath("dep-node-env", "greeting"), null));
        Assert.Equal("\"s3 cr=t\"", await Client.CallOkAsync(server.CallPath("dep-node-env", "env"), """["SECRET"]"""));
        Assert.Equal("", await Client.CallOkAsync(server.CallPath("dep-node-env", "env"), """["DEP_UNSET"]"""));
    }

    [Fact]
    public async Task Deploy_PythonEnv_ReachesTheFunction()
    {
        var env = new[] { new { name = "SECRET", value = "pý value" } };

        await Client.DeploySampleBoundedAsync("python-env", "dep-py-env", env);

        Assert.Equal("\"pý value\"", await Client.CallOkAsync(server.CallPath("dep-py-env", "env"), """["SECRET"]"""));
        Assert.Equal("", await Client.CallOkAsync(server.CallPath("dep-py-env", "env"), """{"name":"DEP_UNSET"}"""));
    }

    [Fact]
    public async Task Deploy_AppWithoutManifest_IsReadyWithNoPackages()
    {
        await Client.DeployZipAsync("dep-empty", TestZip.Create(("readme.txt", "nothing to run")));

        var deployment = (await Client.InspectAppAsync("dep-empty"))!.Value;
        Assert.Equal("ready", deployment.GetProperty("status").GetString());
        Assert.Equal("{}", deployment.GetProperty("packages").GetRawText());
    }
}
