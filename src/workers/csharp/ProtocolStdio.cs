using System.Runtime.InteropServices;

namespace Faas.Worker.CSharp;

/// <summary>
/// Moves the protocol off the ordinary stdin/stdout before user code loads ("Keeping stdout clean"
/// in docs/protocol.md). The streams returned are private duplicates of fds 0 and 1; afterwards
/// <see cref="Console.Out"/> writes to stderr and, on Unix, fd 1 is stderr and fd 0 is /dev/null,
/// so neither user code, native libraries nor child processes can touch the protocol.
/// </summary>
internal static partial class ProtocolStdio
{
    public static (Stream Input, Stream Output) Take()
    {
        // Each Open* call duplicates the descriptor, so these streams outlive the redirection below.
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        if (!OperatingSystem.IsWindows())
        {
            RedirectDescriptors();
        }
        Console.SetOut(Console.Error);
        Console.SetIn(TextReader.Null);
        return (input, output);
    }

    private static void RedirectDescriptors()
    {
        const int StdIn = 0, StdOut = 1, StdErr = 2;
        if (Dup2(StdErr, StdOut) < 0)
        {
            Console.Error.WriteLine($"faas worker: could not point stdout at stderr (errno {Marshal.GetLastPInvokeError()})");
        }
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        if (Dup2((int)devNull.DangerousGetHandle(), StdIn) < 0)
        {
            Console.Error.WriteLine($"faas worker: could not point stdin at /dev/null (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
