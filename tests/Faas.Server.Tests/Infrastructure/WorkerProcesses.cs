namespace Faas.Server.Tests.Infrastructure;

/// <summary>A running language worker found in <c>/proc</c>.</summary>
public sealed record WorkerProcessInfo(int Pid, string Language, string WorkingDirectory);

/// <summary>
/// Finds the real worker processes of a server: processes whose command line runs
/// a language worker (<c>worker.js</c>, <c>ts-worker.js</c>, <c>worker.py</c>, <c>worker.rb</c>,
/// <c>Faas.Worker.CSharp.dll</c>) and whose current directory is inside a data folder (not the
/// bwrap processes around a sandboxed worker).
/// </summary>
public static class WorkerProcesses
{
    /// <summary>Live workers whose working directory is inside <paramref name="directory"/> (optionally one app's folder).</summary>
    public static IReadOnlyList<WorkerProcessInfo> Under(string directory)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var found = new List<WorkerProcessInfo>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || Describe(pid) is not { } worker)
            {
                continue;
            }
            var cwd = worker.WorkingDirectory;
            if (cwd == root || cwd.StartsWith(root + "/", StringComparison.Ordinal))
            {
                found.Add(worker);
            }
        }
        return found;
    }

    /// <summary>The workers of one app of a server.</summary>
    public static IReadOnlyList<WorkerProcessInfo> OfApp(string dataDirectory, string app) =>
        Under(Path.Combine(dataDirectory, "apps", app));

    /// <summary>True while <paramref name="pid"/> is a live (not zombie) worker process.</summary>
    public static bool IsAlive(int pid) => Describe(pid) is not null;

    /// <summary>Waits until none of <paramref name="pids"/> is a live worker; fails the test after 30 s.</summary>
    public static async Task WaitUntilGoneAsync(IEnumerable<int> pids)
    {
        var remaining = pids.ToList();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while ((remaining = remaining.Where(IsAlive).ToList()).Count > 0)
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Worker processes still running: {string.Join(", ", remaining)}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static WorkerProcessInfo? Describe(int pid)
    {
        try
        {
            var status = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = status.LastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= status.Length || status[afterName + 2] is 'Z' or 'X')
            {
                return null;
            }
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            // bwrap's own processes (the sandbox's parent and its pid 1) name the worker in their command lines too.
            var language = arguments is [var program, ..] && Path.GetFileName(program) == "bwrap" ? null : LanguageOf(arguments);
            if (language is null || new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget is not { } cwd)
            {
                return null;
            }
            const string Deleted = " (deleted)";
            if (cwd.EndsWith(Deleted, StringComparison.Ordinal))
            {
                cwd = cwd[..^Deleted.Length];
            }
            return new WorkerProcessInfo(pid, language, cwd);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile, or not ours to look at
        }
    }

    private static readonly (string Entry, string Language)[] Entries =
    [
        ("/worker.js", "node"), ("/ts-worker.js", "ts"), ("/worker.py", "py"), ("/worker.rb", "rb"), ("/Faas.Worker.CSharp.dll", "cs"),
    ];

    private static string? LanguageOf(string[] arguments) =>
        Entries.FirstOrDefault(e => arguments.Any(a => a.EndsWith(e.Entry, StringComparison.Ordinal))).Language;
}
