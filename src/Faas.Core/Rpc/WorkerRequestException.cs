namespace Faas.Core.Rpc;

/// <summary>An error reply to a worker's request: <c>{"code":..,"message":..}</c>.</summary>
public sealed class WorkerRequestException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
