using System.Runtime.InteropServices;

namespace Faas.Worker.CSharp;

/// <summary>
/// The C# worker: JSON-RPC 2.0 over stdin/stdout, one object per line (docs/protocol.md). Started
/// as <c>dotnet Faas.Worker.CSharp.dll</c> with the app folder as the current directory.
/// </summary>
internal static class Program
{
    // Kept alive for the whole run: disposing it would restore the default Ctrl+C handling.
    private static PosixSignalRegistration? s_interrupt;

    private static int Main()
    {
        // First thing, before any user code can touch them: take the protocol streams.
        var (input, output) = ProtocolStdio.Take();
        ParentProcess.Remember();
        // Ctrl+C in the server's terminal reaches us too: the server decides when we stop (it closes stdin).
        s_interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        // Calls run on the thread pool and user code often blocks (Thread.Sleep, sync I/O): start with
        // enough threads that a few blocked calls do not delay the others while the pool grows.
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, 32), ioThreads);
        var replies = new ReplyWriter(output);
        global::Faas.ServiceChannel.Install(replies);
        new RequestLoop(input, replies).Run();
        Console.Error.Flush();
        // Exit without waiting for threads user code may have left running: all our work is done.
        Environment.Exit(0);
        return 0;
    }
}
