using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Faas.Server.Tests.EndToEnd;

/// <summary>What one run of the CLI did.</summary>
public sealed record CliResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Both streams without ANSI colours and cursor moves (chalk, inquirer, gauge).</summary>
    public string Text => DeployCli.StripAnsi(StdOut + "\n" + StdErr);

    public override string ToString() =>
        $"$ {Command}\n--- exit code {ExitCode} ---\n--- stdout ---\n{DeployCli.StripAnsi(StdOut)}\n--- stderr ---\n{DeployCli.StripAnsi(StdErr)}";
}

/// <summary>
/// The real <c>metacall-deploy</c> (npm <c>@metacall/deploy</c>, installed by
/// <c>npm ci --prefix tests/e2e</c>), run with <c>node</c> and a private HOME whose
/// <c>~/.metacall/deploy/config.ini</c> points every URL at the test server, so that
/// <c>--dev</c> (which uses <c>devURL</c>) never leaves 127.0.0.1.
/// </summary>
public sealed partial class DeployCli
{
    public const string InstallHint = "Install the real CLI first: `npm ci --prefix tests/e2e` (from the repository root).";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly Lazy<string> Script = new(FindScript);

    public DeployCli(string home) => Home = home;

    /// <summary>The CLI's HOME: holds <c>.metacall/deploy/config.ini</c>.</summary>
    public string Home { get; }

    /// <summary>The <c>token</c> line of config.ini (the server's key); without <c>--dev</c> the CLI sends it as <c>Authorization: jwt &lt;token&gt;</c>.</summary>
    public string? Token { get; init; }

    /// <summary><c>tests/e2e</c> in this checkout.</summary>
    public static string PackageFolder { get; } = Path.Combine(RepositoryRoot(), "tests", "e2e");

    /// <summary>
    /// The installed CLI's entry script (<c>bin.metacall-deploy</c> of its package.json); fails
    /// the test with <see cref="InstallHint"/> when it is not installed.
    /// </summary>
    public static string ScriptPath => Script.Value;

    /// <summary>
    /// Runs <c>node &lt;cli&gt; args</c> against <paramref name="server"/>. The CLI's stdin is a pipe
    /// that receives <paramref name="stdin"/> (answers to its prompts) and is then closed, so
    /// <c>process.stdin.isTTY</c> is false and an unanswered prompt ends the CLI instead of waiting.
    /// </summary>
    public async Task<CliResult> RunAsync(ServerProcess server, string stdin, params string[] args) =>
        await RunAsync(server, stdin, DefaultTimeout, args);

    public async Task<CliResult> RunAsync(ServerProcess server, string stdin, TimeSpan timeout, params string[] args)
    {
        var script = ScriptPath;
        WriteConfig(server.Url);

        var start = new ProcessStartInfo(Node, [script, .. args])
        {
            WorkingDirectory = Home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        var env = start.Environment;
        env["HOME"] = Home;
        // Nothing may reach a proxy or the real Hub: axios honours the *_PROXY variables.
        foreach (var name in env.Keys.Where(k => k.EndsWith("_proxy", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            env.Remove(name);
        }
        env["NO_PROXY"] = "*";
        env["no_proxy"] = "*";
        // The CLI's own switches that would change what it does.
        foreach (var name in new[] { "METACALL_API_KEY", "TEST_DEPLOY_LOCAL", "NODE_ENV", "METACALL_DEPLOY_INTERACTIVE", "NODE_OPTIONS" })
        {
            env.Remove(name);
        }
        env["FORCE_COLOR"] = "0";
        env["NO_COLOR"] = "1";

        var command = $"HOME={Home} node {script} {string.Join(' ', args)}" + (stdin.Length > 0 ? $" <<< {JsonSerializer.Serialize(stdin)}" : " </dev/null");
        using var process = new Process { StartInfo = start };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The CLI ended without reading its input: its exit code and output say why.
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            try
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Reported below with whatever output there is.
            }
            var partial = new CliResult(command, -1, await Drain(stdout), await Drain(stderr));
            throw new TimeoutException($"metacall-deploy did not finish within {timeout.TotalSeconds:0} s.\n{partial}\n--- server output ---\n{server.Output}");
        }
        return new CliResult(command, process.ExitCode, await Drain(stdout), await Drain(stderr));
    }

    /// <summary>Removes ANSI escape sequences (colours, cursor moves, line erases).</summary>
    public static string StripAnsi(string text) => Ansi().Replace(text, "");

    /// <summary>The CLI reads <c>$HOME/.metacall/deploy/config.ini</c>; <c>--dev</c> uses <c>devURL</c>.</summary>
    private void WriteConfig(string url)
    {
        var folder = Path.Combine(Home, ".metacall", "deploy");
        Directory.CreateDirectory(folder);
        // baseURL and apiURL point at the test server too: a code path without --dev stays local.
        File.WriteAllText(Path.Combine(folder, "config.ini"), $"devURL={url}\nbaseURL={url}\napiURL={url}\n" + (Token is null ? "" : $"token={Token}\n"));
    }

    private static async Task<string> Drain(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException)
        {
            return $"<output unavailable: {e.Message}>";
        }
    }

    private static string Node => Environment.GetEnvironmentVariable("FAAS_TEST_NODE") ?? "node";

    private static string FindScript()
    {
        var package = Path.Combine(PackageFolder, "node_modules", "@metacall", "deploy", "package.json");
        if (!File.Exists(package) || VersionOf(package) != "0.1.33")
        {
            InstallPinned();
        }
        if (!File.Exists(package))
        {
            Assert.Fail($"metacall-deploy is not installed ({package} is missing). {InstallHint}");
        }
        using var json = JsonDocument.Parse(File.ReadAllText(package));
        var version = json.RootElement.GetProperty("version").GetString();
        if (version != "0.1.33")
        {
            Assert.Fail($"tests/e2e has @metacall/deploy {version}, the tests expect 0.1.33. {InstallHint}");
        }
        var protocol = Path.Combine(PackageFolder, "node_modules", "@metacall", "protocol", "package.json");
        var protocolVersion = File.Exists(protocol) ? JsonDocument.Parse(File.ReadAllText(protocol)).RootElement.GetProperty("version").GetString() : "none";
        if (protocolVersion != "0.1.26")
        {
            Assert.Fail($"tests/e2e has @metacall/protocol {protocolVersion}, the override pins 0.1.26. {InstallHint}");
        }
        var bin = json.RootElement.GetProperty("bin");
        var relative = bin.ValueKind == JsonValueKind.String ? bin.GetString() : bin.GetProperty("metacall-deploy").GetString();
        var script = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(package)!, relative!));
        if (!File.Exists(script))
        {
            Assert.Fail($"metacall-deploy's bin {script} is missing. {InstallHint}");
        }
        return script;
    }

    private static string? VersionOf(string packageJson)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(packageJson));
        return json.RootElement.GetProperty("version").GetString();
    }

    /// <summary>
    /// <c>npm ci --prefix tests/e2e</c>, once per test run, so <c>dotnet test Faas.sln</c> alone is enough on a
    /// fresh checkout (the npm registry must be reachable; the outcome is checked by the caller).
    /// </summary>
    private static void InstallPinned()
    {
        var start = new ProcessStartInfo("npm", ["ci", "--prefix", PackageFolder, "--no-audit", "--no-fund", "--loglevel=error"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            npm.Kill(entireProcessTree: true);
            Assert.Fail($"`npm ci --prefix {PackageFolder}` did not finish within 5 minutes. {InstallHint}");
        }
        if (npm.ExitCode != 0)
        {
            Assert.Fail($"`npm ci --prefix {PackageFolder}` failed ({npm.ExitCode}): {output.Result}{errors.Result} {InstallHint}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "tests", "e2e", "package.json")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No tests/e2e/package.json above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[@-Z\\-_])")]
    private static partial Regex Ansi();
}
