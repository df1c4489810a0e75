namespace Faas.Core.Rpc;

/// <summary>
/// A worker's reply. <see cref="Result"/> holds the result's JSON exactly as the worker wrote it,
/// so the server can relay it byte for byte.
/// </summary>
public sealed record RpcResponse(ReadOnlyMemory<byte> Result, RpcError? Error)
{
    public bool IsError => Error is not null;
}

/// <param name="Stack">The function's stack or traceback, when the worker sends it (<c>data.stack</c>), for the execution record.</param>
public sealed record RpcError(int Code, string Message, string? Type, string? Stack = null);

public static class RpcErrorCodes
{
    public const int FunctionThrew = -32000;
    public const int NotSerializable = -32002;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
}
