using System.Net;
using System.Text.Json;

namespace Faas.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>metacall-deploy</c> CLI (npm <c>@metacall/deploy@0.1.33</c>, installed with
/// <c>npm ci --prefix tests/e2e</c>) against the real server process, always with <c>--dev</c>
/// and a config pointing at 127.0.0.1. The CLI runs non-interactively: stdin is a pipe (not a
/// TTY) that is closed, or that first carries "\n" to accept the first choice of a list prompt.
/// </summary>
public sealed class MetacallDeployTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetacallDeploy_DeployFolder_FunctionAnswers()
    {
        await using var e2e = await E2eWorkspace.StartAsync();
        var folder = e2e.CopySample("node-sum");

        var deploy = await e2e.RunCliAsync("", "--dev", "--workdir", folder, "--projectName", "e2e-node");

        e2e.AssertCliSucceeded(deploy, $"Deploying {folder}", "Repository deployed");
        await e2e.AssertCallAsync("e2e-node", "sum", "[1,2]", "3", deploy);
        await e2e.AssertCallAsync("e2e-node", "page", "[]", "\"<html><body>hi</body></html>\"", deploy);
    }

    [Fact]
    public async Task MetacallDeploy_FolderWithDotEnv_EnvReachesFunctionAndSurvivesRestart()
    {
        await using var e2e = await E2eWorkspace.StartAsync();
        var folder = e2e.CopySample("node-env");
        await File.WriteAllTextAsync(Path.Combine(folder, ".env"), "GREETING=Howdy\nE2E_SECRET=s3cr3t\n", Token);

        var deploy = await e2e.RunCliAsync("", "--dev", "--workdir", folder, "--projectName", "e2e-env");

        e2e.AssertCliSucceeded(deploy, "Detected and loaded environment variables from .env file.", "Repository deployed");
        await e2e.AssertCallAsync("e2e-env", "greeting", "[]", "\"Howdy, world\"", deploy);
        await e2e.AssertCallAsync("e2e-env", "env", "[\"E2E_SECRET\"]", "\"s3cr3t\"", deploy);

        await e2e.RestartServerAsync();

        await e2e.AssertCallAsync("e2e-env", "greeting", "[]", "\"Howdy, world\"");
        await e2e.AssertCallAsync("e2e-env", "env", "[\"E2E_SECRET\"]", "\"s3cr3t\"");
    }

    [Fact]
    public async Task MetacallDeploy_EditedFolder_AgainIsRefusedAndForceRedeploys()
    {
        await using var e2e = await E2eWorkspace.StartAsync();
        var folder = e2e.CopySample("node-sum", "forced");
        e2e.AssertCliSucceeded(await e2e.RunCliAsync("", "--dev", "--workdir", folder, "--projectName", "e2e-force"), "Repository deployed");
        await e2e.AssertCallAsync("e2e-force", "sum", "[1,2]", "3");
        var index = Path.Combine(folder, "index.js");
        await File.WriteAllTextAsync(index, (await File.ReadAllTextAsync(index, Token)).Replace("return a + b;", "return a + b + 100;", StringComparison.Ordinal), Token);

        var again = await e2e.RunCliAsync("", "--dev", "--workdir", folder, "--projectName", "e2e-force");
        Assert.True(again.ExitCode != 0 && again.Text.Contains("status code 400", StringComparison.Ordinal), e2e.Describe(again));
        await e2e.AssertCallAsync("e2e-force", "sum", "[1,2]", "3", again);

        var forced = await e2e.RunCliAsync("", "--dev", "--force", "--workdir", folder, "--projectName", "e2e-force");

        e2e.AssertCliSucceeded(forced, "Trying to deploy forcefully!", "Repository deployed");
        Assert.False(forced.Text.Contains("Deployment Aborted", StringComparison.Ordinal), e2e.Describe(forced));
        await e2e.AssertCallAsync("e2e-force", "sum", "[1,2]", "103", forced);
    }

    [Fact]
    public async Task MetacallDeploy_DeployInspectAddRepoDeleteRestart_RemainingAppsAnswer()
    {
        await using var e2e = await E2eWorkspace.StartAsync();

        // 1. A folder deploy, then a call.
        var nodeSum = e2e.CopySample("node-sum");
        var deployNode = await e2e.RunCliAsync("", "--dev", "--workdir", nodeSum, "--projectName", "e2e-node");
        e2e.AssertCliSucceeded(deployNode, "Repository deployed");
        await e2e.AssertCallAsync("e2e-node", "sum", "[1,2]", "3", deployNode);

        // 2. --inspect Raw prints GET /api/inspect as JSON; OpenAPIv3 derives paths from it.
        var raw = await e2e.RunCliAsync("", "--dev", "--inspect", "Raw");
        e2e.AssertCliSucceeded(raw);
        var app = FindDeployment(e2e, raw, "e2e-node");
        Assert.True(app.GetProperty("status").GetString() == "ready", e2e.Describe(raw));
        Assert.True(string.Equals(app.GetProperty("prefix").GetString(), ServerProcess.Prefix, StringComparison.OrdinalIgnoreCase), e2e.Describe(raw));
        Assert.True(app.GetProperty("version").GetString() == "v1", e2e.Describe(raw));
        var functions = app.GetProperty("packages").GetProperty("node").EnumerateArray()
            .SelectMany(handle => handle.GetProperty("scope").GetProperty("funcs").EnumerateArray())
            .Select(f => f.GetProperty("name").GetString())
            .ToHashSet();
        Assert.True(functions.SetEquals(["sum", "delayedEcho", "page", "fail", "nothing", "noisy", "echo"]),
            $"functions listed: {string.Join(", ", functions)}\n{e2e.Describe(raw)}");

        var openApi = await e2e.RunCliAsync("", "--dev", "--inspect", "OpenAPIv3");
        e2e.AssertCliSucceeded(openApi);
        var document = ParseJson(e2e, openApi).EnumerateArray()
            .Single(d => d.GetProperty("info").GetProperty("title").GetString()!.Contains("'e2e-node'", StringComparison.Ordinal));
        Assert.True(document.GetProperty("servers")[0].GetProperty("url").GetString() == $"{e2e.Server.Url}/{app.GetProperty("prefix").GetString()}/e2e-node/v1", e2e.Describe(openApi));
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/call/sum", out var sumPath) && sumPath.TryGetProperty("post", out _), e2e.Describe(openApi));
        Assert.True(paths.TryGetProperty("/await/delayedEcho", out _), $"the async function should be under /await/.\n{e2e.Describe(openApi)}");
        Assert.True(paths.TryGetProperty("/call/nothing", out var nothingPath) && nothingPath.TryGetProperty("get", out _), e2e.Describe(openApi));

        // 3. A folder with two metacall-*.json (Node.js and Python).
        var mixed = e2e.CopySample("mixed");
        var deployMixed = await e2e.RunCliAsync("", "--dev", "--workdir", mixed, "--projectName", "e2e-mixed");
        e2e.AssertCliSucceeded(deployMixed, "Repository deployed");
        await e2e.AssertCallAsync("e2e-mixed", "add", "[3,4]", "7", deployMixed);
        await e2e.AssertCallAsync("e2e-mixed", "nodeHello", "[\"e2e\"]", "\"Hello e2e from Node.js\"", deployMixed);
        await e2e.AssertCallAsync("e2e-mixed", "py_hello", "[\"e2e\"]", "\"Hello e2e from Python\"", deployMixed);
        await e2e.AssertCallAsync("e2e-mixed", "mul", "[3,4]", "12", deployMixed);

        // 4. --addrepo with a local repository. The CLI runs the argument through `new URL(...)`,
        // so it must be a file:// URL (a bare path makes it fail with "Invalid URL"). After the
        // deploy it always asks which container's logs to show: "\n" picks "Deploy"; it then
        // polls the logs until the app is ready and sleeps 10 s before it exits.
        var repository = await e2e.CreateGitRepositoryAsync("acme", "greeter", new Dictionary<string, string>
        {
            ["metacall.json"] = """{"language_id":"node","path":".","scripts":["index.js"]}""",
            ["index.js"] = "'use strict';\nmodule.exports = { greet: (name) => `Hi ${name}` };\n",
        });
        var repositoryUrl = new Uri(repository).AbsoluteUri;
        var addRepo = await e2e.RunCliAsync("\n", "--dev", "--addrepo", repositoryUrl);
        e2e.AssertCliSucceeded(addRepo, "Only one branch found : main", "Getting deploy logs for acme-greeter", "Repository deployed");
        await e2e.AssertCallAsync("acme-greeter", "greet", "[\"bob\"]", "\"Hi bob\"", addRepo);

        // 5. --delete lists the ready apps in /api/inspect order (newest first) and deletes the
        // chosen one: "\n" picks the first, here an app deployed only to be deleted.
        var doomed = e2e.CopySample("node-sum", "doomed");
        e2e.AssertCliSucceeded(await e2e.RunCliAsync("", "--dev", "--workdir", doomed, "--projectName", "e2e-doomed"), "Repository deployed");
        var before = await e2e.InspectSuffixesAsync();
        Assert.True(before.Count == 4 && before[0] == "e2e-doomed", $"/api/inspect should list 4 apps, newest first: {string.Join(", ", before)}\n{e2e.Describe(null)}");

        var delete = await e2e.RunCliAsync("\n", "--dev", "--delete");
        e2e.AssertCliSucceeded(delete, "Select the deployment to delete: e2e-doomed v1", "Deploy Delete Succeed");
        var after = await e2e.InspectSuffixesAsync();
        Assert.True(after.SequenceEqual(["acme-greeter", "e2e-mixed", "e2e-node"]), $"/api/inspect after the delete: {string.Join(", ", after)}\n{e2e.Describe(delete)}");
        await AssertNotDeployedAsync(e2e, "e2e-doomed");

        // 6. Kill the server (and its workers); a new one over the same data folder restores the rest.
        await e2e.RestartServerAsync();
        await e2e.AssertCallAsync("e2e-node", "sum", "[1,2]", "3");
        await e2e.AssertCallAsync("e2e-mixed", "add", "[3,4]", "7");
        await e2e.AssertCallAsync("e2e-mixed", "py_hello", "[\"e2e\"]", "\"Hello e2e from Python\"");
        await e2e.AssertCallAsync("acme-greeter", "greet", "[\"bob\"]", "\"Hi bob\"");
        await AssertNotDeployedAsync(e2e, "e2e-doomed");

        var rawAfterRestart = await e2e.RunCliAsync("", "--dev", "--inspect", "Raw");
        e2e.AssertCliSucceeded(rawAfterRestart);
        var restored = ParseJson(e2e, rawAfterRestart).EnumerateArray()
            .Select(d => (Suffix: d.GetProperty("suffix").GetString(), Status: d.GetProperty("status").GetString()))
            .OrderBy(d => d.Suffix, StringComparer.Ordinal)
            .ToList();
        Assert.True(restored.SequenceEqual([("acme-greeter", "ready"), ("e2e-mixed", "ready"), ("e2e-node", "ready")]),
            $"after the restart: {string.Join(", ", restored)}\n{e2e.Describe(rawAfterRestart)}");
    }

    private static async Task AssertNotDeployedAsync(E2eWorkspace e2e, string app)
    {
        var path = ServerProcess.CallPath(app, "sum");
        using var response = await e2e.Http.PostAsync(path, new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path} after the delete: expected 404, got {(int)response.StatusCode} {body}\n{e2e.Describe(null)}");
    }

    private static JsonElement FindDeployment(E2eWorkspace e2e, CliResult inspect, string suffix)
    {
        var deployments = ParseJson(e2e, inspect).EnumerateArray().Where(d => d.GetProperty("suffix").GetString() == suffix).ToList();
        Assert.True(deployments.Count == 1, $"--inspect Raw should list '{suffix}' once.\n{e2e.Describe(inspect)}");
        return deployments[0];
    }

    /// <summary>The CLI's stdout as JSON (what <c>--inspect Raw|OpenAPIv3</c> prints).</summary>
    private static JsonElement ParseJson(E2eWorkspace e2e, CliResult result)
    {
        try
        {
            using var document = JsonDocument.Parse(DeployCli.StripAnsi(result.StdOut));
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"metacall-deploy's stdout is not JSON ({e.Message}).\n{e2e.Describe(result)}");
            throw;
        }
    }
}
