namespace Faas.Core.Functions;

/// <summary>A handler returned something that is not a response (<c>{statusCode, headers, body, isBase64Encoded}</c>).</summary>
public sealed class HandlerResultException(string message) : Exception(message);
