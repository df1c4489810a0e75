using System.Runtime.InteropServices;

namespace Faas.Worker.CSharp;

/// <summary>
/// Whether the server that started this worker is still there. At end of input the worker normally
/// lets its calls finish, but if the server died nobody can receive their replies, and a call that
/// never returns (a runaway loop) would keep the process alive for good.
/// </summary>
internal static partial class ParentProcess
{
    private static readonly int Initial = OperatingSystem.IsWindows() ? 0 : GetParentId();

    /// <summary>Call once at start-up, so the original parent is recorded.</summary>
    public static void Remember() => _ = Initial;

    /// <summary>True once this process was re-parented (Unix: its parent exited); always false on Windows.</summary>
    public static bool IsGone => !OperatingSystem.IsWindows() && GetParentId() != Initial;

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentId();
}
