using Faas.Core.Workers;

namespace Faas.Core.Pools;

/// <summary>A worker in a pool, with how many calls it holds and when it was last used.</summary>
internal sealed class PoolSlot(WorkerProcess process, long lastUsed, int capacity)
{
    public WorkerProcess Process { get; } = process;

    /// <summary>Calls the pool may hand this worker at once (running, or queued in its stdin).</summary>
    public int Capacity { get; } = capacity;

    public int InFlight { get; set; }

    public long LastUsed { get; set; } = lastUsed;

    /// <summary>Set once the pool decided to stop it: it takes no new calls.</summary>
    public bool Retired { get; set; }

    /// <summary>Set while the pool checks whether it is stuck: it takes no new calls meanwhile.</summary>
    public bool Suspect { get; set; }
}
