using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Faas.Core.Processes;

/// <summary>
/// A child process (worker, installer, build) started as the leader of its own session and process
/// group, so that stopping it kills everything it started, including what outlived it or was
/// re-parented away from it. The command is prefixed with util-linux <c>setsid</c>, which execs in
/// place when its caller is not a group leader (a fresh child never is): the group id is the child's
/// pid. While the group runs, <see cref="ProcessGroupGuardian"/> knows it, so it dies with the server
/// even on <c>kill -9</c>. Without <c>/usr/bin/setsid</c> (not Linux, or util-linux missing), the child
/// stays in the server's group and is killed with its process tree as .NET sees it (children that
/// were re-parented escape then).
/// </summary>
internal sealed partial class ProcessGroup : IDisposable
{
    private const string Setsid = "/usr/bin/setsid";
    private const int SigKill = 9;

    private readonly Process _process;
    private readonly bool _isolated;
    private readonly IReadOnlyList<string> _cgroups;
    private int _disposed;

    private ProcessGroup(Process process, bool isolated, IReadOnlyList<string> cgroups)
    {
        _process = process;
        _isolated = isolated;
        _cgroups = cgroups;
        Id = process.Id;
    }

    /// <summary>True when children get a process group of their own (Linux with util-linux <c>setsid</c>).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && File.Exists(Setsid);

    /// <summary>The group's id: the leader's pid.</summary>
    public int Id { get; }

    /// <summary>
    /// Starts <paramref name="process"/> in a group of its own. Throws what <see cref="Process.Start()"/>
    /// throws (a missing executable is a <see cref="System.ComponentModel.Win32Exception"/>, as before).
    /// <paramref name="cgroups"/>, the cgroups the command enters itself (see <see cref="Cgroups"/>), are removed with the group.
    /// </summary>
    public static ProcessGroup Start(Process process, IReadOnlyList<string>? cgroups = null)
    {
        var start = process.StartInfo;
        var isolated = false;
        if (IsSupported && ResolveExecutable(start) is { } executable)
        {
            start.ArgumentList.Insert(0, executable);
            start.ArgumentList.Insert(0, "--");
            start.FileName = Setsid;
            isolated = true;
        }
        try
        {
            process.Start();
        }
        catch
        {
            Cgroups.RemoveLater(cgroups ?? []);
            throw;
        }
        var group = new ProcessGroup(process, isolated, cgroups ?? []);
        if (isolated)
        {
            ProcessGroupGuardian.Watch(group.Id);
        }
        return group;
    }

    /// <summary>Kills the whole group at once (SIGKILL): the leader if it still runs, and every process it left.</summary>
    public void Kill()
    {
        // Id > 1 always holds for a child; the guard keeps kill(-1) (every process we may signal) impossible.
        if (_isolated && Id > 1)
        {
            // The group exists only once setsid has run in the child; the leader itself is killed either way.
            _ = SendSignal(-Id, SigKill);
        }
        try
        {
            _process.Kill(entireProcessTree: !_isolated);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited (and maybe reaped) meanwhile.
        }
    }

    /// <summary>Kills whatever is left of the group and stops guarding it. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Kill();
        if (_isolated)
        {
            ProcessGroupGuardian.Forget(Id);
        }
        if (_cgroups.Count > 0)
        {
            Cgroups.RemoveLater(_cgroups);
        }
    }

    /// <summary>
    /// The executable's full path, found the way <see cref="Process.Start()"/> would find it, or null
    /// when it cannot be found: then it is started as is, and a missing program fails as it always did.
    /// </summary>
    private static string? ResolveExecutable(ProcessStartInfo start)
    {
        var name = start.FileName;
        if (name.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(name);
            return File.Exists(full) ? full : null;
        }
        // The order Process.Start searches on Unix: the host's folder, the current folder, then PATH.
        var path = start.Environment.TryGetValue("PATH", out var value) ? value : Environment.GetEnvironmentVariable("PATH");
        string?[] first = [Path.GetDirectoryName(Environment.ProcessPath), Environment.CurrentDirectory];
        foreach (var folder in first.OfType<string>().Concat((path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
