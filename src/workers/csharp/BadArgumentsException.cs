namespace Faas.Worker.CSharp;

/// <summary>A call's arguments do not fit the function's parameters (the caller's fault: -32602).</summary>
internal sealed class BadArgumentsException(string message) : Exception(message);
