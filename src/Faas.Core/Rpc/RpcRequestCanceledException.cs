namespace Faas.Core.Rpc;

/// <summary>
/// A request to an ordered worker (<see cref="RpcChannel.Ordered"/>) that its caller gave up on;
/// <see cref="MayHaveStarted"/> is false when it was still queued behind an unanswered one.
/// </summary>
public sealed class RpcRequestCanceledException(bool mayHaveStarted, CancellationToken cancellationToken)
    : OperationCanceledException("The request was canceled.", cancellationToken)
{
    public bool MayHaveStarted { get; } = mayHaveStarted;
}
