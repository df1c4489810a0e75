using System.Net;

namespace Faas.Server.Hosting;

/// <summary>The Hub's <c>prefix</c>: this machine's host name, compared case-insensitively.</summary>
public sealed class HostPrefix
{
    public string Value { get; } = Dns.GetHostName();

    public bool Matches(string prefix) => string.Equals(prefix, Value, StringComparison.OrdinalIgnoreCase);
}
