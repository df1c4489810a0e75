namespace Faas.Core.Rpc;

/// <summary>The worker on the other end is gone; every pending and later request fails with this.</summary>
/// <param name="notStarted">
/// True when the worker certainly never started the request (an ordered worker died while an earlier
/// request was unanswered): it is safe to send it again to another worker.
/// </param>
public sealed class RpcChannelClosedException(string message, bool notStarted = false) : Exception(message)
{
    public bool NotStarted { get; } = notStarted;
}
