using System.Diagnostics;

namespace Faas.Server.Tests.Infrastructure;

/// <summary>A real git repository on disk at <c>&lt;temp&gt;/&lt;owner&gt;/&lt;repo&gt;</c>, made with the git CLI.</summary>
public sealed class LocalGitRepository : IDisposable
{
    private readonly string _root;

    private LocalGitRepository(string root, string path)
    {
        _root = root;
        Path = path;
    }

    /// <summary>The repository folder; also its URL (local repositories are allowed in tests).</summary>
    public string Path { get; }

    public static async Task<LocalGitRepository> CreateAsync(string owner, string repo)
    {
        var root = TempDirectory.Create("faas-git");
        var path = System.IO.Path.Combine(root, owner, repo);
        Directory.CreateDirectory(path);
        var repository = new LocalGitRepository(root, path);
        await repository.GitAsync("init", "--quiet", "-b", "main");
        return repository;
    }

    public void Write(string relative, string content)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    public async Task CommitAllAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("commit", "--quiet", "-m", message);
    }

    public async Task GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {await stdout}{await stderr}");
    }

    public void Dispose() => TempDirectory.Delete(_root);
}
