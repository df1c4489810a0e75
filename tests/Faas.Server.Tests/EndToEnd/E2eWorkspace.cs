using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Faas.Server.Tests.Infrastructure;

namespace Faas.Server.Tests.EndToEnd;

/// <summary>
/// One end-to-end scenario: a temp folder holding the server's data folder, the CLI's HOME and
/// the apps to deploy, the running server, and the CLI; plus the checks the tests repeat, whose
/// failure messages carry the CLI's and the server's output.
/// </summary>
public sealed class E2eWorkspace : IAsyncDisposable
{
    private E2eWorkspace(string root)
    {
        Root = root;
        DataDirectory = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        Cli = new DeployCli(Directory.CreateDirectory(Path.Combine(root, "home")).FullName);
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public DeployCli Cli { get; }

    public ServerProcess Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Checks the CLI is installed (failing with the install hint if not), then starts a server.</summary>
    public static async Task<E2eWorkspace> StartAsync()
    {
        _ = DeployCli.ScriptPath;
        var workspace = new E2eWorkspace(TempDirectory.Create("faas-e2e"));
        try
        {
            await workspace.StartServerAsync();
            return workspace;
        }
        catch
        {
            await workspace.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server (and its workers) and starts a new one over the same data folder.</summary>
    public async Task RestartServerAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await StartServerAsync();
    }

    /// <summary>A copy of <c>samples/&lt;sample&gt;</c> to deploy from (the CLI may write into its folder).</summary>
    public string CopySample(string sample, string? name = null)
    {
        var target = Path.Combine(Root, "apps", name ?? sample);
        CopyFolder(Samples.PathOf(sample), target);
        return target;
    }

    /// <summary>
    /// A local git repository at <c>&lt;root&gt;/repos/&lt;owner&gt;/&lt;repo&gt;</c> (branch <c>main</c>, one
    /// commit) holding <paramref name="files"/>; returns its folder.
    /// </summary>
    public async Task<string> CreateGitRepositoryAsync(string owner, string repo, IReadOnlyDictionary<string, string> files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Root, "repos", owner, repo)).FullName;
        foreach (var (path, content) in files)
        {
            var file = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content, Token);
        }
        await GitAsync(folder, "init", "-q", "-b", "main");
        await GitAsync(folder, "add", "-A");
        await GitAsync(folder, "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "initial");
        return folder;
    }

    public async Task<CliResult> RunCliAsync(string stdin, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var result = await Cli.RunAsync(Server, stdin, args);
        Log($"{clock.Elapsed.TotalSeconds:0.0} s, exit {result.ExitCode}: metacall-deploy {string.Join(' ', args)}");
        return result;
    }

    /// <summary>A line in the test's output (shown with <c>--logger "console;verbosity=detailed"</c>).</summary>
    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");

    /// <summary>Fails with the CLI's and the server's output unless the run exited 0 and printed every expected text.</summary>
    public void AssertCliSucceeded(CliResult result, params string[] expectedTexts)
    {
        Assert.True(result.ExitCode == 0, $"metacall-deploy exited with {result.ExitCode}.\n{Describe(result)}");
        foreach (var text in expectedTexts)
        {
            Assert.True(result.Text.Contains(text, StringComparison.Ordinal), $"metacall-deploy's output lacks \"{text}\".\n{Describe(result)}");
        }
    }

    /// <summary>POSTs a JSON body to <c>/&lt;prefix&gt;/&lt;app&gt;/v1/call/&lt;function&gt;</c>; fails unless it answers 200 with <paramref name="expected"/>.</summary>
    public async Task AssertCallAsync(string app, string function, string jsonArgs, string expected, CliResult? context = null)
    {
        var path = ServerProcess.CallPath(app, function);
        using var response = await Http.PostAsync(path, new StringContent(jsonArgs, Encoding.UTF8, "application/json"), Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK && body == expected,
            $"POST {path} {jsonArgs}: expected 200 {expected}, got {(int)response.StatusCode} {body}\n{Describe(context)}");
    }

    /// <summary>The suffixes <c>GET /api/inspect</c> lists, in its order.</summary>
    public async Task<IReadOnlyList<string>> InspectSuffixesAsync()
    {
        using var response = await Http.GetAsync("/api/inspect", Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/inspect: {(int)response.StatusCode} {body}\n{Describe(null)}");
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.EnumerateArray().Select(d => d.GetProperty("suffix").GetString()!)];
    }

    public string Describe(CliResult? result) =>
        (result is null ? "" : result + "\n") + $"--- server output ({Server.Url}) ---\n{Server.Output}";

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        TempDirectory.Delete(Root);
    }

    private async Task StartServerAsync()
    {
        var clock = Stopwatch.StartNew();
        Server = await ServerProcess.StartAsync(DataDirectory, Token);
        Http = Server.CreateClient();
        Log($"{clock.Elapsed.TotalSeconds:0.0} s: server ready at {Server.Url}");
    }

    private async Task GitAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git", args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = Cli.Home;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var git = Process.Start(start)!;
        var stdout = git.StandardOutput.ReadToEndAsync(Token);
        var stderr = git.StandardError.ReadToEndAsync(Token);
        await git.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)} in {folder} exited with {git.ExitCode}: {await stdout}{await stderr}");
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "__pycache__"))
            {
                continue;
            }
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
