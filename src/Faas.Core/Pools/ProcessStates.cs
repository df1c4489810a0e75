namespace Faas.Core.Pools;

/// <summary>What an app's worker pool or server process is doing, as the processes route reports it.</summary>
public static class ProcessStates
{
    /// <summary>At least one process runs.</summary>
    public const string Running = "running";

    /// <summary>None runs yet, one is starting (a first call, a replacement after a crash).</summary>
    public const string Starting = "starting";

    /// <summary>None runs by design: stopped when idle, parked, or not started since a restart; the next call starts one.</summary>
    public const string Idle = "idle";

    /// <summary>A server that crashed and waits for its restart.</summary>
    public const string Crashed = "crashed";

    /// <summary>It keeps failing to start (or crashing): the app needs attention.</summary>
    public const string Failed = "failed";

    /// <summary>None runs and none is starting although it should (not expected: reported, never hidden).</summary>
    public const string Stopped = "stopped";
}
