namespace Faas.Server.Security;

/// <summary>
/// A function-call or static-file path: <c>/{prefix}/{app}/{version}/call|await/{func}</c> or <c>.../static/{path}</c>,
/// an HTTP function: <c>/fn/{app}[@vN][/{path}]</c> (<see cref="IsHttpFunction"/>), or <c>/invoke/{app}/...</c> (a server app).
/// </summary>
internal readonly record struct CallRoute(string App, string Version, bool IsHttpFunction = false)
{
    public static bool TryParse(PathString path, out CallRoute route)
    {
        route = default;
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        // An HTTP-server app: /invoke/{app}[/{**path}] reaches its active version.
        if (segments.Length >= 2 && segments[0].Equals("invoke", StringComparison.OrdinalIgnoreCase))
        {
            route = new CallRoute(segments[1], Faas.Core.Deployments.VersionId.Latest);
            return true;
        }
        // Routing matches literal segments ignoring case, so this must too (or /FN/ would pass unchecked).
        if (segments.Length >= 2 && segments[0].Equals("fn", StringComparison.OrdinalIgnoreCase))
        {
            var at = segments[1].LastIndexOf('@');
            route = at < 0
                ? new CallRoute(segments[1], Faas.Core.Deployments.VersionId.Latest, true)
                : new CallRoute(segments[1][..at], segments[1][(at + 1)..], true);
            return true;
        }
        if (segments.Length < 4 || segments[0].Equals("api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var kind = segments[3].ToLowerInvariant();
        if (kind is "call" or "await" ? segments.Length != 5 : kind != "static")
        {
            return false;
        }
        route = new CallRoute(segments[1], segments[2]);
        return true;
    }
}
