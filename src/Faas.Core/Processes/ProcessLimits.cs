using System.Globalization;

namespace Faas.Core.Processes;

/// <summary>
/// Resource limits (rlimits) for one child process and what it starts, applied with util-linux
/// <c>prlimit</c> in front of the command, and cgroups (<see cref="Cgroups"/>); 0 leaves a limit as the
/// server's. Each language caps memory its own way (<see cref="Languages.ILanguage.LimitMemory"/>); the
/// memory cgroup is the backstop for what that misses.
/// </summary>
/// <param name="OpenFiles">RLIMIT_NOFILE: open files and sockets per process.</param>
/// <param name="Processes">RLIMIT_NPROC, and a pids cgroup where the server may create one (root ignores RLIMIT_NPROC).</param>
/// <param name="FileSizeMb">RLIMIT_FSIZE: the largest file a process may write, in MiB.</param>
/// <param name="CpuSeconds">RLIMIT_CPU: CPU seconds per process (SIGXCPU, then SIGKILL a second later).</param>
/// <param name="CgroupMemoryMb">A memory cgroup's limit for the process and everything it starts, where one can be made (the kernel's OOM killer enforces it).</param>
public sealed record ProcessLimits(int OpenFiles, int Processes, int FileSizeMb, int CpuSeconds, int CgroupMemoryMb = 0)
{
    public static ProcessLimits None { get; } = new(0, 0, 0, 0);

    /// <summary>True when <c>prlimit</c> has nothing to set.</summary>
    public bool IsNone => OpenFiles <= 0 && Processes <= 0 && FileSizeMb <= 0 && CpuSeconds <= 0;

    /// <summary><c>prlimit</c>'s options for these limits (soft = hard, so a process cannot raise them).</summary>
    public IReadOnlyList<string> PrlimitOptions()
    {
        var options = new List<string>();
        if (OpenFiles > 0)
        {
            options.Add($"--nofile={OpenFiles.ToString(CultureInfo.InvariantCulture)}");
        }
        if (Processes > 0)
        {
            options.Add($"--nproc={Processes.ToString(CultureInfo.InvariantCulture)}");
        }
        if (FileSizeMb > 0)
        {
            options.Add($"--fsize={((long)FileSizeMb * 1024 * 1024).ToString(CultureInfo.InvariantCulture)}");
        }
        if (CpuSeconds > 0)
        {
            // The hard limit a second later: SIGXCPU first (a runtime may report it), then SIGKILL.
            options.Add($"--cpu={CpuSeconds.ToString(CultureInfo.InvariantCulture)}:{(CpuSeconds + 1).ToString(CultureInfo.InvariantCulture)}");
        }
        return options;
    }
}
