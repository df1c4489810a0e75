namespace Faas.Worker.CSharp;

/// <summary>The JSON-RPC error codes of docs/protocol.md.</summary>
internal static class RpcCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int FunctionThrew = -32000;
    public const int NotSerializable = -32002;
}
