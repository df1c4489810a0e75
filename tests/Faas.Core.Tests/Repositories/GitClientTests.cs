using System.Net;
using System.Net.Sockets;
using Faas.Core.Apps;
using Faas.Core.Processes;
using Faas.Core.Repositories;
using Xunit;

namespace Faas.Core.Tests.Repositories;

// Real git against repositories made on disk; nothing here touches the network.
public sealed class GitClientTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("faas-git-tests-").FullName;
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    public GitClientTests() => _timeout.CancelAfter(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    private string Temp => Path.Combine(_root, "tmp");

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task ListBranches_LocalRepository_DefaultBranchFirst()
    {
        var url = await CreateRepositoryAsync();

        Assert.Equal(["main", "feature"], await Client().ListBranchesAsync(url, Ct));
    }

    [Fact]
    public async Task ListBranches_HeadOnFeature_FeatureFirstThenSorted()
    {
        var url = await CreateRepositoryAsync();
        await GitAsync(url.Value, "branch", "alpha");
        await GitAsync(url.Value, "symbolic-ref", "HEAD", "refs/heads/feature");

        Assert.Equal(["feature", "alpha", "main"], await Client().ListBranchesAsync(url, Ct));
    }

    [Fact]
    public async Task Clone_Main_HasMainFilesAndNoGitFolder()
    {
        var url = await CreateRepositoryAsync();
        var target = Path.Combine(_root, "clones", "main");

        await Client().CloneAsync(url, "main", target, Ct);

        Assert.Equal(["index.js", "lib/nested/util.py"], Files(target));
        Assert.False(Directory.Exists(Path.Combine(target, ".git")));
        Assert.Equal("module.exports = 1;\n", File.ReadAllText(Path.Combine(target, "index.js")));
    }

    [Fact]
    public async Task Clone_FeatureIntoEmptyFolder_HasFeatureFiles()
    {
        var url = await CreateRepositoryAsync();
        var target = Directory.CreateDirectory(Path.Combine(_root, "clones", "feature")).FullName;

        await Client().CloneAsync(url, "feature", target, Ct);

        Assert.Equal(["feature.txt", "lib/nested/util.py"], Files(target));
    }

    [Fact]
    public async Task ListFiles_EachBranch_ListsNestedPathsAndCleansUp()
    {
        var url = await CreateRepositoryAsync();
        var client = Client();

        Assert.Equal(["index.js", "lib/nested/util.py"], await client.ListFilesAsync(url, "main", Ct));
        Assert.Equal(["feature.txt", "lib/nested/util.py"], await client.ListFilesAsync(url, "feature", Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Temp));
    }

    [Fact]
    public async Task Clone_UnknownBranch_ThrowsQuotingGit()
    {
        var url = await CreateRepositoryAsync();
        var target = Path.Combine(_root, "clones", "nope");

        var e = await Assert.ThrowsAsync<GitException>(() => Client().CloneAsync(url, "nope", target, Ct));

        Assert.Contains("Remote branch nope not found", e.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task ListFiles_UnknownBranch_ThrowsAndCleansUp()
    {
        var url = await CreateRepositoryAsync();

        var e = await Assert.ThrowsAsync<GitException>(() => Client().ListFilesAsync(url, "nope", Ct));

        Assert.Contains("Remote branch nope not found", e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Temp));
    }

    [Fact]
    public async Task ListBranches_MissingRepository_ThrowsQuotingGit()
    {
        var url = RepositoryUrl.Parse(Path.Combine(_root, "no", "where"), allowLocal: true);

        var e = await Assert.ThrowsAsync<GitException>(() => Client().ListBranchesAsync(url, Ct));

        Assert.Contains("does not appear to be a git repository", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-b")]
    [InlineData("--upload-pack=touch")]
    [InlineData("a..b")]
    [InlineData("a b")]
    [InlineData("a~1")]
    [InlineData("a:b")]
    [InlineData("a\nb")]
    [InlineData("HEAD")]
    [InlineData(".hidden")]
    [InlineData("x.lock")]
    public async Task Clone_InvalidBranch_Throws(string branch)
    {
        var url = RepositoryUrl.Parse(Path.Combine(_root, "owner", "repo"), allowLocal: true);
        var target = Path.Combine(_root, "clones", "bad");

        var e = await Assert.ThrowsAsync<GitException>(() => Client().CloneAsync(url, branch, target, Ct));

        Assert.StartsWith("Invalid branch name", e.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task ListBranches_LocalNotAllowed_Throws()
    {
        var url = await CreateRepositoryAsync();

        await Assert.ThrowsAsync<RepositoryUrlException>(() => Client(allowLocal: false).ListBranchesAsync(url, Ct));
        await Assert.ThrowsAsync<RepositoryUrlException>(() => Client(allowLocal: false).CloneAsync(url, "main", Path.Combine(_root, "c"), Ct));
    }

    [Fact]
    public async Task ListBranches_ExtTransportPastParser_GitRefuses()
    {
        // Defense in depth: even a URL that skipped RepositoryUrl.Parse cannot run a command.
        var pwned = Path.Combine(_root, "pwned");
        var url = new RepositoryUrl($"ext::sh -c touch% {pwned}", AppName.Parse("x-y"), isLocal: false);

        var e = await Assert.ThrowsAsync<GitException>(() => Client().ListBranchesAsync(url, Ct));

        Assert.Contains("not allowed", e.Message);
        Assert.False(File.Exists(pwned));
    }

    [Fact]
    public async Task Clone_SymlinkToEtcPasswd_ThrowsAndDeletesClone()
    {
        var url = await CreateRepositoryAsync(dir => File.CreateSymbolicLink(Path.Combine(dir, "passwd"), "/etc/passwd"));
        var target = Path.Combine(_root, "clones", "evil");

        var e = await Assert.ThrowsAsync<GitException>(() => Client().CloneAsync(url, "main", target, Ct));

        Assert.Contains("'passwd' -> '/etc/passwd'", e.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task Clone_SymlinkEscapingThroughAnotherLink_Throws()
    {
        // a/b/up points at the clone root (allowed); x -> a/b/up/../.. looks inside lexically but
        // really lands two levels above the clone.
        var url = await CreateRepositoryAsync(dir =>
        {
            Directory.CreateDirectory(Path.Combine(dir, "a", "b"));
            File.CreateSymbolicLink(Path.Combine(dir, "a", "b", "up"), "../..");
            File.CreateSymbolicLink(Path.Combine(dir, "x"), "a/b/up/../..");
        });

        var e = await Assert.ThrowsAsync<GitException>(() => Client().CloneAsync(url, "main", Path.Combine(_root, "clones", "chain"), Ct));

        Assert.Contains("'x' -> 'a/b/up/../..'", e.Message);
    }

    [Fact]
    public async Task Clone_SymlinkInsideClone_IsKept()
    {
        var url = await CreateRepositoryAsync(dir => File.CreateSymbolicLink(Path.Combine(dir, "alias.py"), "lib/nested/util.py"));
        var target = Path.Combine(_root, "clones", "alias");

        await Client().CloneAsync(url, "main", target, Ct);

        Assert.Equal("lib/nested/util.py", new FileInfo(Path.Combine(target, "alias.py")).LinkTarget);
        Assert.Equal("def f():\n    return 1\n", File.ReadAllText(Path.Combine(target, "alias.py")));
    }

    [Fact]
    public async Task ListBranches_ServerNeverAnswers_TimesOut()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = RepositoryUrl.Parse($"git://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/owner/repo", allowLocal: false);
        var client = new GitClient(new GitOptions { TempDirectory = Temp, Timeout = TimeSpan.FromSeconds(1) });

        var e = await Assert.ThrowsAsync<GitException>(() => client.ListBranchesAsync(url, Ct));

        Assert.Equal(FaasError.Timeout, e.Error);
        Assert.Contains("timed out after 1 s", e.Message);
    }

    [Fact]
    public async Task Clone_ServerNeverAnswers_CancelledWithTheCallerAndLeavesNothing()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = RepositoryUrl.Parse($"git://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/owner/repo", allowLocal: false);
        var target = Path.Combine(_root, "clones", "silent");
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var clone = Client().CloneAsync(url, "main", target, caller.Token);
        using var connection = await silent.AcceptTcpClientAsync(Ct);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clone.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.False(Directory.Exists(target));
    }

    private GitClient Client(bool allowLocal = true) =>
        new(new GitOptions { AllowLocalRepositories = allowLocal, TempDirectory = Temp, Timeout = TimeSpan.FromSeconds(30) });

    // main: index.js, lib/nested/util.py (+ whatever addToMain writes); feature: index.js
    // removed, feature.txt added.
    private async Task<RepositoryUrl> CreateRepositoryAsync(Action<string>? addToMain = null)
    {
        var dir = Path.Combine(_root, "repos", "Owner", "Repo");
        await GitAsync(_root, "-c", "init.defaultBranch=main", "init", "--quiet", dir);
        Write(dir, "index.js", "module.exports = 1;\n");
        Write(dir, "lib/nested/util.py", "def f():\n    return 1\n");
        addToMain?.Invoke(dir);
        await CommitAsync(dir);
        await GitAsync(dir, "checkout", "--quiet", "-b", "feature");
        File.Delete(Path.Combine(dir, "index.js"));
        Write(dir, "feature.txt", "feature\n");
        await CommitAsync(dir);
        await GitAsync(dir, "checkout", "--quiet", "main");
        return RepositoryUrl.Parse(dir, allowLocal: true);
    }

    private async Task CommitAsync(string dir)
    {
        await GitAsync(dir, "add", "--all");
        await GitAsync(dir, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "commit");
    }

    private async Task GitAsync(string directory, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(
            "git", ["-c", "core.hooksPath=/dev/null", .. arguments], directory, TimeSpan.FromSeconds(30),
            new Dictionary<string, string?> { ["GIT_CONFIG_NOSYSTEM"] = "1" }, cancellationToken: Ct);
        Assert.True(result.Succeeded, result.Tail());
    }

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal)];
}
