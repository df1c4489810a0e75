using System.Globalization;

namespace Faas.Core.Processes;

/// <summary>
/// A pids cgroup per isolated process, where the server may create one (cgroup v1's
/// <c>/sys/fs/cgroup/pids</c>, or v2 with the pids controller; in practice when it runs as root). It
/// is what limits processes for root, which the kernel exempts from RLIMIT_NPROC. The command enters
/// its cgroup before it execs (a <c>/bin/sh</c> prefix), so nothing it forks escapes; the folder is
/// removed once the process group is gone. Folders left by a killed server are removed at the first
/// use after a restart.
/// </summary>
internal static class PidsCgroup
{
    private const string Shell = "/bin/sh";
    private static readonly Lazy<string?> Root = new(FindRoot);
    private static long _next;

    public static bool IsAvailable => Root.Value is not null;

    /// <summary>A new cgroup limited to <paramref name="max"/> tasks (processes and threads), or null when there can be none.</summary>
    public static string? Create(int max)
    {
        if (Root.Value is not { } root)
        {
            return null;
        }
        var folder = Path.Combine(root, $"{Environment.ProcessId}-{Interlocked.Increment(ref _next)}");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "pids.max"), max.ToString(CultureInfo.InvariantCulture));
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remove(folder);
            return null;
        }
    }

    /// <summary>The command that moves itself into <paramref name="cgroup"/>, then execs <paramref name="command"/>.</summary>
    public static List<string> Enter(string cgroup, IEnumerable<string> command) =>
        [Shell, "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", cgroup, .. command];

    /// <summary>Removes <paramref name="cgroup"/> once its last process is reaped (retried for a few seconds, in the background).</summary>
    public static void RemoveLater(string cgroup) => _ = Task.Run(async () =>
    {
        for (var attempt = 0; attempt < 50 && Directory.Exists(cgroup); attempt++)
        {
            if (Remove(cgroup))
            {
                return;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    });

    private static bool Remove(string cgroup)
    {
        try
        {
            // A cgroup folder is removed with rmdir alone (its files are not real files).
            Directory.Delete(cgroup);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return !Directory.Exists(cgroup);
        }
    }

    private static string? FindRoot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        foreach (var candidate in new[] { "/sys/fs/cgroup/pids", V2Parent() }.OfType<string>())
        {
            if (!File.Exists(Path.Combine(candidate, "cgroup.procs")))
            {
                continue;
            }
            var root = Path.Combine(candidate, "faas");
            try
            {
                Directory.CreateDirectory(root);
                if (File.Exists(Path.Combine(root, "cgroup.subtree_control")))
                {
                    File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+pids");
                }
                // Left by a server that died (its pid is gone); another server's, being filled right now, are kept.
                foreach (var stale in Directory.EnumerateDirectories(root)
                    .Where(d => Path.GetFileName(d).Split('-')[0] is var pid && !Directory.Exists(Path.Combine("/proc", pid))))
                {
                    Remove(stale);
                }
                return root;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to write: try the next, else no cgroup.
            }
        }
        return null;
    }

    /// <summary>cgroup v2: the server's own cgroup, if it offers the pids controller.</summary>
    private static string? V2Parent()
    {
        try
        {
            var line = File.ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal));
            var controllers = "/sys/fs/cgroup/cgroup.controllers";
            if (line is null || !File.Exists(controllers) || !File.ReadAllText(controllers).Split(' ', '\n').Contains("pids"))
            {
                return null;
            }
            return Path.Combine("/sys/fs/cgroup", line[3..].TrimStart('/'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
