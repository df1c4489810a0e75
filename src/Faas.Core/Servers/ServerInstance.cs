using System.Diagnostics;
using Faas.Core.Processes;

namespace Faas.Core.Servers;

/// <summary>One running server process: its group, its port, its exit, and whether we stopped it.</summary>
internal sealed class ServerInstance(Process process, ProcessGroup group, ServerCommand command, int port, long startedAt)
{
    public Process Process { get; } = process;

    public ProcessGroup Group { get; } = group;

    public ServerCommand Command { get; } = command;

    public int Port { get; } = port;

    /// <summary><c>http://127.0.0.1:port/</c>, built once (every forwarded request uses it).</summary>
    public Uri Address { get; } = new($"http://127.0.0.1:{port}/");

    public long StartedAt { get; } = startedAt;

    /// <summary>Set before we kill it: its exit is then no crash.</summary>
    public volatile bool Stopping;

    public Task Exited { get; set; } = Task.CompletedTask;
}
