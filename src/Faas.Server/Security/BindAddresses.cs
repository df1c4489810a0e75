using System.Net;

namespace Faas.Server.Security;

/// <summary>Whether the server listens on loopback addresses only (then keys are off by default).</summary>
internal static class BindAddresses
{
    /// <summary>
    /// True when every address the server binds is a loopback one: ASP.NET's <c>urls</c> when set
    /// (as <see cref="Hosting.ListenAddress"/> honours it), else <c>Faas:Host</c> (default <c>localhost</c>).
    /// <c>0.0.0.0</c>, <c>::</c>, <c>*</c>, <c>+</c> and any other name or address count as reachable from elsewhere.
    /// </summary>
    public static bool LoopbackOnly(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        IEnumerable<string> hosts = string.IsNullOrWhiteSpace(urls)
            ? [configuration["Faas:Host"] ?? "localhost"]
            : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HostOf);
        return hosts.All(IsLoopback);
    }

    /// <summary>The configured addresses, for messages.</summary>
    public static string Describe(IConfiguration configuration) =>
        configuration["urls"] is { Length: > 0 } urls ? urls : $"{configuration["Faas:Host"] ?? "localhost"}:{configuration["Faas:Port"] ?? "9000"}";

    private static string HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close > 0 ? rest[1..close] : rest;
        }
        var end = rest.IndexOfAny([':', '/']);
        return end >= 0 ? rest[..end] : rest;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
}
