namespace Faas.Core.Rpc;

/// <summary>The worker on the other end is gone; every pending and later request fails with this.</summary>
public sealed class RpcChannelClosedException(string message) : Exception(message);
