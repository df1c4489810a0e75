using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.Endpoints;

/// <summary>The repository routes over a real local git repository with branches <c>main</c> and <c>feature</c>.</summary>
public sealed class RepositoryEndpointsTests(RepositoryEndpointsTests.Fixture server) : IClassFixture<RepositoryEndpointsTests.Fixture>
{
    public sealed class Fixture : FaasServerFixture
    {
        public LocalGitRepository Repository { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Repository = await BuildAsync("Acme", "Hello-Repo");
        }

        /// <summary>A repository whose <c>main</c> and <c>feature</c> branches hold different node apps.</summary>
        public static async Task<LocalGitRepository> BuildAsync(string owner, string name)
        {
            var Repository = await LocalGitRepository.CreateAsync(owner, name);
            Repository.Write("metacall.json", """{"language_id":"node","path":".","scripts":["src/index.js"]}""");
            Repository.Write("src/index.js", "module.exports = { where: () => 'main', add: (a, b) => a + b };");
            await Repository.CommitAllAsync("main app");
            await Repository.GitAsync("checkout", "--quiet", "-b", "feature");
            Repository.Write("src/index.js", "module.exports = { where: () => 'feature: ' + process.env.WHO };");
            Repository.Write("docs/notes.md", "feature notes");
            await Repository.CommitAllAsync("feature app");
            await Repository.GitAsync("checkout", "--quiet", "main");
            return Repository;
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Repository?.Dispose();
        }
    }

    private HttpClient Client => server.Client;

    private string Url => server.Repository.Path;

    private Task<HttpResponseMessage> PostAsync(string route, object body) =>
        Client.PostAsJsonAsync($"/api/repository/{route}", body, TestContext.Current.CancellationToken).Bounded(HubApi.DeployTimeout);

    [Fact]
    public async Task BranchList_LocalRepository_ListsDefaultBranchFirst()
    {
        var response = await PostAsync("branchlist", new { url = Url });

        Assert.Equal("""{"branches":["main","feature"]}""", await response.ExpectAsync(HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("main", new[] { "metacall.json", "src/index.js" })]
    [InlineData("feature", new[] { "docs/notes.md", "metacall.json", "src/index.js" })]
    public async Task FileList_Branch_ListsItsFiles(string branch, string[] expected)
    {
        var response = await PostAsync("filelist", new { url = Url, branch });

        var files = JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement.GetProperty("files");
        Assert.Equal(expected, files.EnumerateArray().Select(f => f.GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Add_ThenDeployAsRepository_FunctionsAnswer()
    {
        var add = await PostAsync("add", new { url = Url, branch = "main", jsons = Array.Empty<object>() });

        Assert.Equal("""{"id":"acme-hello-repo"}""", await add.ExpectAsync(HttpStatusCode.Created));
        var deploy = await Client.PostAsJsonAsync("/api/deploy/create",
            new { resourceType = "Repository", suffix = "acme-hello-repo", release = "abc", env = Array.Empty<object>(), plan = "Essential", version = "v1" },
            TestContext.Current.CancellationToken).Bounded(HubApi.DeployTimeout);
        await deploy.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"main\"", await Client.CallOkAsync(server.CallPath("acme-hello-repo", "where"), null));
        Assert.Equal("5", await Client.CallOkAsync(server.CallPath("acme-hello-repo", "add"), "[2,3]"));
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "apps", "acme-hello-repo", "source", ".git")));
    }

    [Fact]
    public async Task Add_FeatureBranchWithJsonsAndEnv_DeploysThatBranch()
    {
        using var repository = await Fixture.BuildAsync("Acme", "Feature.Repo");
        var jsons = new[] { new { language_id = "node", path = "src", scripts = new[] { "index.js" } } };

        var add = await PostAsync("add", new { url = $"file://{repository.Path}", branch = "feature", jsons });

        Assert.Equal("""{"id":"acme-feature.repo"}""", await add.ExpectAsync(HttpStatusCode.Created));
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, "apps", "acme-feature.repo", "source", "metacall-node.json")));
        await (await Client.DeployAsync("acme-feature.repo", new[] { new { name = "WHO", value = "git" } }).Bounded(HubApi.DeployTimeout))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"feature: git\"", await Client.CallOkAsync(server.CallPath("acme-feature.repo", "where"), null));
    }

    [Fact]
    public async Task Add_ExistingRepositoryApp_ClonesAgainAndNextDeployIsV2()
    {
        using var repository = await Fixture.BuildAsync("Acme", "Again-Repo");
        var url = $"file://{repository.Path}";
        await (await PostAsync("add", new { url, branch = "main", jsons = Array.Empty<object>() })).ExpectAsync(HttpStatusCode.Created);
        await (await Client.DeployAsync("acme-again-repo").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        repository.Write("src/index.js", "module.exports = { where: () => 'main, second commit' };");
        await repository.CommitAllAsync("second");

        var again = await PostAsync("add", new { url, branch = "main", jsons = Array.Empty<object>() });

        Assert.Equal("""{"id":"acme-again-repo"}""", await again.ExpectAsync(HttpStatusCode.Created));
        Assert.Equal("\"main\"", await Client.CallOkAsync(server.CallPath("acme-again-repo", "where", "latest"), null));
        var deploy = await (await Client.DeployAsync("acme-again-repo").Bounded(HubApi.DeployTimeout)).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("\"version\":\"v2\"", deploy);
        Assert.Equal("\"main, second commit\"", await Client.CallOkAsync(server.CallPath("acme-again-repo", "where", "latest"), null));
        Assert.Equal("\"main\"", await Client.CallOkAsync(server.CallPath("acme-again-repo", "where", "v1"), null));
    }

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/faas-repo-pwned")]
    [InlineData("ext::sh -c touch% /tmp/faas-repo-pwned owner/repo")]
    [InlineData("--upload-pack=touch /tmp/faas-repo-pwned")]
    [InlineData("-oProxyCommand=touch /tmp/faas-repo-pwned")]
    [InlineData("ssh://-oProxyCommand=touch%20/tmp/faas-repo-pwned/owner/repo")]
    [InlineData("fd::3/owner/repo")]
    [InlineData("")]
    public async Task Repository_HostileUrl_Returns400AndRunsNothing(string url)
    {
        foreach (var route in new[] { "branchlist", "filelist", "add" })
        {
            var response = await PostAsync(route, new { url, branch = "main", jsons = Array.Empty<object>() });

            await response.ExpectAsync(HttpStatusCode.BadRequest);
        }
        Assert.False(File.Exists("/tmp/faas-repo-pwned"));
    }

    [Theory]
    [InlineData("branchlist")]
    [InlineData("filelist")]
    [InlineData("add")]
    public async Task Repository_BadJson_Returns400(string route)
    {
        var response = await Client.PostRawAsync($"/api/repository/{route}", "{\"url\":", "application/json");

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("filelist")]
    [InlineData("add")]
    public async Task Repository_UnknownBranch_Returns400WithGitsMessage(string route)
    {
        var response = await PostAsync(route, new { url = Url, branch = "nope", jsons = Array.Empty<object>() });

        var message = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Remote branch nope not found", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BranchList_MissingRepository_Returns400()
    {
        var response = await PostAsync("branchlist", new { url = Path.Combine(Path.GetDirectoryName(Url)!, "missing-repo") });

        await response.ExpectAsync(HttpStatusCode.BadRequest);
    }
}
