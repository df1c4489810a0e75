namespace Faas.Core.Functions;

/// <summary>What an HTTP handler answered: status, its headers (content type included), the body bytes.</summary>
public sealed record HandlerResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body, string ContentType);
