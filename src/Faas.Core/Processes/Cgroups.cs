using System.Globalization;

namespace Faas.Core.Processes;

/// <summary>
/// A cgroup per isolated process for what rlimits cannot do, where the server may create one: its
/// processes (root ignores RLIMIT_NPROC) and its whole memory, children and memory a runtime's own
/// limit does not see included (Node.js Buffers, native allocations). Made inside the server's own
/// cgroup, so never outside the limits set on the server: cgroup v1's <c>pids</c> and <c>memory</c>
/// hierarchies, or v2 with those controllers delegated (in practice: when it runs as root). The
/// command enters its cgroups before it execs (a <c>/bin/sh</c> prefix), so nothing it forks escapes;
/// the folders are removed once the process group is gone. Folders left by a killed server are removed
/// at the first use after a restart.
/// </summary>
internal static class Cgroups
{
    private const string Shell = "/bin/sh";
    private static readonly Lazy<string?> PidsRoot = new(() => FindRoot("pids"));
    private static readonly Lazy<string?> MemoryRoot = new(() => FindRoot("memory"));
    private static long _next;

    /// <summary>True when processes can be limited by a cgroup here.</summary>
    public static bool CanLimitProcesses => PidsRoot.Value is not null;

    /// <summary>True when memory can be limited by a cgroup here.</summary>
    public static bool CanLimitMemory => MemoryRoot.Value is not null;

    /// <summary>New cgroups limiting tasks (processes and threads) and memory (0: no limit); empty when there can be none.</summary>
    public static IReadOnlyList<string> Create(int maxProcesses, int memoryMb)
    {
        var limits = new List<(string Root, string File, string Value)>();
        if (maxProcesses > 0 && PidsRoot.Value is { } pids)
        {
            limits.Add((pids, "pids.max", maxProcesses.ToString(CultureInfo.InvariantCulture)));
        }
        if (memoryMb > 0 && MemoryRoot.Value is { } memory)
        {
            var bytes = ((long)memoryMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
            limits.Add((memory, File.Exists(Path.Combine(memory, "cgroup.controllers")) ? "memory.max" : "memory.limit_in_bytes", bytes));
        }
        var folders = new List<string>();
        var name = $"{Environment.ProcessId}-{Interlocked.Increment(ref _next)}";
        // cgroup v2 has one tree: both limits go in one folder (a process is in one cgroup only).
        foreach (var group in limits.GroupBy(l => l.Root, StringComparer.Ordinal))
        {
            var folder = Path.Combine(group.Key, name);
            try
            {
                Directory.CreateDirectory(folder);
                foreach (var (_, file, value) in group)
                {
                    File.WriteAllText(Path.Combine(folder, file), value);
                }
                folders.Add(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Remove(folder);
            }
        }
        return folders;
    }

    /// <summary>The command that moves itself into <paramref name="cgroups"/>, then execs <paramref name="command"/>.</summary>
    public static List<string> Enter(IReadOnlyList<string> cgroups, IEnumerable<string> command)
    {
        var script = string.Join(" && ", cgroups.Select((_, i) => $"echo $$ > \"${i + 1}/cgroup.procs\"")) + $" && shift {cgroups.Count} && exec \"$@\"";
        return [Shell, "-c", script, "faas-cgroup", .. cgroups, .. command];
    }

    /// <summary>Removes <paramref name="cgroups"/> once their last process is reaped (retried for a few seconds, in the background).</summary>
    public static void RemoveLater(IReadOnlyList<string> cgroups) => _ = Task.Run(async () =>
    {
        foreach (var cgroup in cgroups)
        {
            for (var attempt = 0; attempt < 50 && !Remove(cgroup); attempt++)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
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

    private static string? FindRoot(string controller)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        foreach (var candidate in new[] { V1Parent(controller), V2Parent(controller) }.OfType<string>())
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
                    File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+" + controller);
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

    /// <summary>cgroup v1: the server's own cgroup in the controller's hierarchy.</summary>
    private static string? V1Parent(string controller) =>
        OwnCgroups().FirstOrDefault(parts => parts[1].Split(',').Contains(controller)) is { } line
            ? Path.Combine("/sys/fs/cgroup", controller, line[2].TrimStart('/'))
            : null;

    /// <summary>cgroup v2: the server's own cgroup, if it offers the controller.</summary>
    private static string? V2Parent(string controller)
    {
        var controllers = "/sys/fs/cgroup/cgroup.controllers";
        try
        {
            return OwnCgroups().FirstOrDefault(parts => parts[0] == "0" && parts[1].Length == 0) is { } line
                && File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains(controller)
                ? Path.Combine("/sys/fs/cgroup", line[2].TrimStart('/'))
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The lines of <c>/proc/self/cgroup</c>: id, controllers, path.</summary>
    private static IEnumerable<string[]> OwnCgroups()
    {
        try
        {
            return [.. File.ReadLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).Where(p => p.Length == 3)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
