namespace Faas.Server.Security;

/// <summary>
/// A function-call or static-file path: <c>/{prefix}/{app}/{version}/call|await/{func}</c> or <c>.../static/{path}</c>,
/// an HTTP function: <c>/fn/{app}[@vN][/{path}]</c> (<see cref="IsHttpFunction"/>), or <c>/invoke/{app}/...</c> (a server app).
/// </summary>
internal readonly record struct CallRoute(string App, string Version, bool IsHttpFunction = false)
{
    /// <remarks>Runs on every request: it reads the path's segments in place and allocates only the app and version it returns.</remarks>
    public static bool TryParse(PathString path, out CallRoute route)
    {
        route = default;
        var rest = (path.Value ?? "").AsSpan();
        var first = NextSegment(ref rest);
        var second = NextSegment(ref rest);
        if (second.IsEmpty)
        {
            return false;
        }
        // An HTTP-server app: /invoke/{app}[/{**path}] reaches its active version.
        if (first.Equals("invoke", StringComparison.OrdinalIgnoreCase))
        {
            route = new CallRoute(second.ToString(), Faas.Core.Deployments.VersionId.Latest);
            return true;
        }
        // Routing matches literal segments ignoring case, so this must too (or /FN/ would pass unchecked).
        if (first.Equals("fn", StringComparison.OrdinalIgnoreCase))
        {
            var at = second.LastIndexOf('@');
            route = at < 0
                ? new CallRoute(second.ToString(), Faas.Core.Deployments.VersionId.Latest, true)
                : new CallRoute(second[..at].ToString(), second[(at + 1)..].ToString(), true);
            return true;
        }
        if (first.Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var version = NextSegment(ref rest);
        var kind = NextSegment(ref rest);
        if (kind.Equals("call", StringComparison.OrdinalIgnoreCase) || kind.Equals("await", StringComparison.OrdinalIgnoreCase))
        {
            // Exactly one more segment: the function.
            if (NextSegment(ref rest).IsEmpty || !NextSegment(ref rest).IsEmpty)
            {
                return false;
            }
        }
        else if (!kind.Equals("static", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        route = new CallRoute(second.ToString(), version.ToString());
        return true;
    }

    /// <summary>The next non-empty segment of <paramref name="rest"/> (empty at the end), and what follows it.</summary>
    private static ReadOnlySpan<char> NextSegment(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart('/');
        var end = rest.IndexOf('/');
        var segment = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..];
        return segment;
    }
}
