namespace Faas.Core.Functions;

/// <summary>An HTTP request to a function (<c>/fn/{app}/...</c>), as the handler's <c>event</c> describes it.</summary>
/// <param name="Path">The full request path (<c>/fn/shop/items/3</c>).</param>
/// <param name="RelativePath">The path after <c>/fn/{app}</c>, starting with <c>/</c> (<c>/items/3</c>; <c>/</c> for the app itself).</param>
/// <param name="Query">Every query key with all its values, in order.</param>
/// <param name="Headers">Every header (lower-case name) with all its values.</param>
/// <param name="BaseUrl">The server's own URL (<c>http://localhost:9000</c>), for links.</param>
public sealed record HttpFunctionRequest(
    string Method,
    string Path,
    string RelativePath,
    IReadOnlyList<KeyValuePair<string, string[]>> Query,
    IReadOnlyList<KeyValuePair<string, string[]>> Headers,
    ReadOnlyMemory<byte> Body,
    string? RemoteAddr,
    string BaseUrl,
    string RequestId);
